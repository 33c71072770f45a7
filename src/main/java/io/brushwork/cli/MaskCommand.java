package io.brushwork.cli;

import io.brushwork.image.ArgbImage;
import io.brushwork.image.ImageDecoder;
import io.brushwork.image.InvalidImageException;
import io.brushwork.image.PngEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mask", mixinStandardHelpOptions = true,
        description = "Make a mask for a photo: white (keep) everywhere, black (repaint) in the given rectangles.")
final class MaskCommand implements Callable<Integer> {
    @Option(names = "--like", required = true, paramLabel = "PHOTO", description = "The photo the mask is for.")
    Path photo;

    @Option(names = "--rect", required = true, paramLabel = "X,Y,W,H", split = ";",
            description = "A rectangle to repaint, in pixels from the top left; repeat for more.")
    List<String> rects;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the mask PNG.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ArgbImage image;
        try {
            image = new ImageDecoder(Long.MAX_VALUE).decode(Files.readAllBytes(photo));
        } catch (InvalidImageException e) {
            throw new CliException(photo + " " + e.getMessage());
        }
        int w = image.width();
        int[] px = new int[w * image.height()];
        Arrays.fill(px, 0xFFFFFFFF);
        for (String rect : rects) {
            int[] r = parse(rect);
            for (int y = Math.max(0, r[1]); y < Math.min(image.height(), r[1] + r[3]); y++) {
                for (int x = Math.max(0, r[0]); x < Math.min(w, r[0] + r[2]); x++) {
                    px[y * w + x] = 0xFF000000;
                }
            }
        }
        Files.write(out, PngEncoder.encode(new ArgbImage(w, image.height(), px, false)));
        System.out.println(out);
        return 0;
    }

    private static int[] parse(String rect) {
        String[] parts = rect.split(",");
        if (parts.length != 4) {
            throw new CliException("--rect takes X,Y,W,H, got '" + rect + "'");
        }
        try {
            return Arrays.stream(parts).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new CliException("--rect takes four whole numbers X,Y,W,H, got '" + rect + "'");
        }
    }
}
