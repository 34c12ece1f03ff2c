package id.pahlawanpangan.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The canvas every chart of the project draws on (benchmarks, soak, backtest): white, antialiased,
 * a bold title at the top, then the plain 12-point font for the rest, written as a PNG.
 */
public final class PngChart {
    private final BufferedImage image;
    private final Graphics2D g;

    private PngChart(int width, int height, String title, int titleX) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, titleX, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    public static PngChart titled(int width, int height, String title, int titleX) {
        return new PngChart(width, height, title, titleX);
    }

    public Graphics2D graphics() {
        return g;
    }

    /** Ends the drawing and writes it, making the directory if needed. */
    public void write(Path png) throws IOException {
        g.dispose();
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image, "png", png.toFile());
    }
}
