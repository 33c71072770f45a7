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
 * peer's time includes its process start and PNG files), and a montage a case.
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
                Montage.write(Montage.titles(methods), List.<ArgbImage[]>of(row), montages.resolve("object-" + c.name() + ".png"));
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
}
