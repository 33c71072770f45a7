package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.Mask;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** A titled grid of results, one column a method, for looking at fills side by side. */
final class Montage {
    /** Tiles are at most this wide, which keeps a montage of seven columns small enough for the docs. */
    private static final int MAX_TILE_WIDTH = 256;

    private Montage() {
    }

    /** The photo with the hole painted magenta: the first column of every montage. */
    static ArgbImage showHole(ArgbImage photo, Mask mask) {
        int[] px = photo.pixels().clone();
        for (int i = 0; i < px.length; i++) {
            if (mask.isHole(i)) {
                px[i] = 0xFFFF00FF;
            }
        }
        return new ArgbImage(photo.width(), photo.height(), px, false);
    }

    /** The column titles for a row of results: the input first, then each method. */
    static List<String> titles(List<FillMethod> methods) {
        List<String> titles = new ArrayList<>(List.of("input + hole"));
        methods.forEach(m -> titles.add(m.title()));
        return titles;
    }

    static void write(List<String> titles, List<ArgbImage[]> rows, Path file) throws IOException {
        ArgbImage first = rows.get(0)[0];
        int tileW = Math.min(MAX_TILE_WIDTH, first.width());
        int tileH = (int) Math.round((double) first.height() * tileW / first.width());
        int header = 18;
        BufferedImage out = new BufferedImage(tileW * titles.size(), header + tileH * rows.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), header);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < titles.size(); c++) {
            g.drawString(titles.get(c), c * tileW + 4, 13);
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < titles.size(); c++) {
                ArgbImage tile = rows.get(r)[c];
                BufferedImage b = new BufferedImage(tile.width(), tile.height(), BufferedImage.TYPE_INT_RGB);
                b.setRGB(0, 0, tile.width(), tile.height(), tile.pixels(), 0, tile.width());
                g.drawImage(b, c * tileW, header + r * tileH, tileW, tileH, null);
            }
        }
        g.dispose();
        ImageIO.write(out, "png", file.toFile());
    }
}
