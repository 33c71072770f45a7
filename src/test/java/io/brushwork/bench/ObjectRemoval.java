package io.brushwork.bench;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.Mask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code objects} section of {@code ./brushwork bench fill}: every method removes each object of
 * {@link ObjectMasks}; one row a case with SSIM in the hole's bounding box, texture and the time of the call (a
 * peer's time includes its process start and PNG files), and a montage a case, cropped around the object.
 */
final class ObjectRemoval {
    private ObjectRemoval() {
    }

    static void run(Path photos, Path montages, List<FillMethod> methods) throws Exception {
        System.out.println("## Object removal (SSIM in the hole's box / texture / seconds; one call each)");
        System.out.printf("%-20s %7s", "case", "hole");
        for (FillMethod m : methods) {
            System.out.printf(" %22s", m.name());
        }
        System.out.printf("  %s%n", "best SSIM");
        Tally ssims = new Tally();
        Tally textures = new Tally();
        Tally seconds = new Tally();
        List<String> bests = new ArrayList<>();
        for (ObjectMasks.Case c : ObjectMasks.CASES) {
            ArgbImage photo = new ImageDecoder(Long.MAX_VALUE).decode(Files.readAllBytes(photos.resolve(c.photo())));
            Mask mask = c.mask(photo.width(), photo.height());
            ArgbImage[] row = new ArgbImage[methods.size() + 1];
            row[0] = Montage.showHole(photo, mask);
            System.out.printf(Locale.ROOT, "%-20s %6.1f%%", c.name(), 100.0 * mask.holeCount() / mask.cells().length);
            for (int k = 0; k < methods.size(); k++) {
                FillMethod m = methods.get(k);
                long start = System.nanoTime();
                ArgbImage out = m.fill().apply(photo, mask);
                double s = (System.nanoTime() - start) / 1e9;
                row[k + 1] = out;
                double ssim = Metrics.ssimInBox(photo, out, mask);
                double texture = Metrics.texture(out, mask);
                ssims.add(m.name(), ssim);
                textures.add(m.name(), texture);
                seconds.add(m.name(), s);
                System.out.printf(Locale.ROOT, " %7.3f / %4.2f / %5.1f", ssim, texture, s);
            }
            String best = ssims.bestOfRow();
            bests.add(best);
            System.out.printf("  %s%n", best);
            if (montages != null) {
                Files.createDirectories(montages);
                Montage.write(Montage.titles(methods), List.<ArgbImage[]>of(around(row, mask)),
                        montages.resolve("object-" + c.name() + ".png"));
            }
        }
        System.out.printf("%-28s", "median");
        for (FillMethod m : methods) {
            System.out.printf(Locale.ROOT, " %7.3f / %4.2f / %5.1f", ssims.median(m.name()),
                    textures.median(m.name()), seconds.median(m.name()));
        }
        System.out.println();
        System.out.println("best SSIM per case: " + Tally.wins(bests));
        System.out.println();
    }

    /**
     * The row cropped to the hole's box and as much again around it: an object is a small part of its photo, and
     * whole photos shrunk to a montage tile would show little of a fill.
     */
    private static ArgbImage[] around(ArgbImage[] row, Mask mask) {
        int[] box = Metrics.box(mask);
        int margin = Math.max(32, Math.max(box[2] - box[0], box[3] - box[1]) / 2);
        int x0 = Math.max(0, box[0] - margin);
        int y0 = Math.max(0, box[1] - margin);
        int x1 = Math.min(mask.width() - 1, box[2] + margin);
        int y1 = Math.min(mask.height() - 1, box[3] + margin);
        ArgbImage[] cropped = new ArgbImage[row.length];
        for (int k = 0; k < row.length; k++) {
            int w = x1 - x0 + 1;
            int h = y1 - y0 + 1;
            int[] px = new int[w * h];
            for (int y = 0; y < h; y++) {
                System.arraycopy(row[k].pixels(), (y0 + y) * mask.width() + x0, px, y * w, w);
            }
            cropped[k] = new ArgbImage(w, h, px, false);
        }
        return cropped;
    }
}
