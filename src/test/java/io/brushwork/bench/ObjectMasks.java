package io.brushwork.bench;

import io.brushwork.image.Mask;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The object-removal set: masks painted over real objects in scikit-image's sample photos, in each photo's pixel
 * coordinates, a few pixels larger than the object, as a person would paint them. There is no ground truth under
 * an object, so these cases are judged by eye (montages) and by texture, not by PSNR.
 */
final class ObjectMasks {
    private ObjectMasks() {
    }

    /** One painted shape: a filled polygon, a filled ellipse, or a round-capped polyline of the given width. */
    sealed interface Stroke {
        void paint(Graphics2D g);
    }

    record Poly(int... xy) implements Stroke {
        @Override
        public void paint(Graphics2D g) {
            Polygon p = new Polygon();
            for (int i = 0; i < xy.length; i += 2) {
                p.addPoint(xy[i], xy[i + 1]);
            }
            g.fill(p);
        }
    }

    record Oval(double cx, double cy, double rx, double ry) implements Stroke {
        @Override
        public void paint(Graphics2D g) {
            g.fill(new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry));
        }
    }

    record Line(float width, int... xy) implements Stroke {
        @Override
        public void paint(Graphics2D g) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(xy[0], xy[1]);
            for (int i = 2; i < xy.length; i += 2) {
                path.lineTo(xy[i], xy[i + 1]);
            }
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }
    }

    /** A named object in a photo (file name in the --photos folder) and the strokes that cover it. */
    record Case(String name, String photo, List<Stroke> strokes) {
        Mask mask(int width, int height) {
            BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = canvas.createGraphics();
            g.setColor(Color.WHITE); // no antialiasing: a pixel is painted or not, as with a hard brush
            for (Stroke s : strokes) {
                s.paint(g);
            }
            g.dispose();
            byte[] gray = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
            boolean[] hole = new boolean[width * height];
            for (int i = 0; i < hole.length; i++) {
                hole[i] = gray[i] != 0;
            }
            return new Mask(width, height, hole);
        }
    }

    static final List<Case> CASES = List.of(
            // Required: the spoon's bowl and its handle, up to where it leans on the cup's rim.
            new Case("coffee-spoon", "coffee.png", List.of(
                    new Oval(366, 282, 45, 47),
                    new Line(26, 372, 245, 385, 200, 402, 120, 415, 72))),
            // Required: the shuttle model, its tank and boosters and the stand it sits on, down to the table top.
            new Case("astronaut-shuttle", "astronaut.png", List.of(
                    new Poly(350, 232, 366, 180, 374, 50, 388, 0, 466, 0, 463, 210, 474, 276, 442, 294, 366, 294))),
            // Required: the name tag on the chest.
            new Case("astronaut-nametag", "astronaut.png", List.of(
                    new Poly(273, 333, 334, 333, 334, 380, 273, 380))),
            // Required: the lightning tower left of the rocket, mast and lattice, down to the floodlights.
            new Case("rocket-tower", "rocket.jpg", List.of(
                    new Poly(195, 118, 207, 118, 208, 188, 208, 400, 160, 400, 186, 188, 194, 188))),
            // More of the same kinds: a round badge on fabric folds, a faded flag on a sleeve, a thin lamp post.
            new Case("astronaut-patch", "astronaut.png", List.of(
                    new Oval(170, 384, 43, 43))),
            new Case("astronaut-flag", "astronaut.png", List.of(
                    new Poly(20, 328, 52, 328, 52, 388, 20, 388))),
            new Case("rocket-lamp-post", "rocket.jpg", List.of(
                    new Line(9, 81, 341, 72, 427))));
}
