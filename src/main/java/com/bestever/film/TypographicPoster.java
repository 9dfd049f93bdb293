package com.bestever.film;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A poster drawn from a film's facts alone, for sample content (no downloaded images): its title
 * set large in the house's serif on a dark ground, the year, and who made it. A PNG, so it goes
 * through the same upload checks and renditions as an editor's file.
 */
public final class TypographicPoster {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 1500;

    private static final Color GROUND = new Color(0x1d, 0x19, 0x14);
    private static final Color PAPER = new Color(0xf7, 0xf1, 0xe6);
    private static final Color ACCENT = new Color(0xc8, 0x3a, 0x2a);

    private TypographicPoster() {}

    /** The poster of the film, as PNG bytes. */
    public static byte[] of(Film film) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(GROUND);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(ACCENT);
            g.setStroke(new BasicStroke(14));
            g.drawRect(50, 50, WIDTH - 100, HEIGHT - 100);

            int margin = 110;
            g.setColor(ACCENT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 40));
            g.drawString("BEST EVER", margin, 200);

            g.setColor(PAPER);
            Font title = new Font(Font.SERIF, Font.BOLD, 150);
            List<String> lines = wrap(film.getTitle(), g.getFontMetrics(title), WIDTH - 2 * margin);
            while (lines.size() > 4 && title.getSize() > 60) {
                title = title.deriveFont(title.getSize2D() - 10);
                lines = wrap(film.getTitle(), g.getFontMetrics(title), WIDTH - 2 * margin);
            }
            g.setFont(title);
            FontMetrics metrics = g.getFontMetrics();
            int y = 620 - (lines.size() - 1) * metrics.getHeight() / 2;
            for (String line : lines) {
                g.drawString(line, margin, y);
                y += metrics.getHeight();
            }

            g.setColor(ACCENT);
            g.fillRect(margin, y - metrics.getHeight() / 2 + 40, 160, 10);
            g.setColor(PAPER);
            g.setFont(new Font(Font.SERIF, Font.ITALIC, 64));
            y += 110;
            g.drawString(String.valueOf(film.getReleaseYear()), margin, y);
            if (film.getOriginalTitle() != null && !film.getOriginalTitle().equals(film.getTitle())) {
                g.setFont(new Font(Font.SERIF, Font.ITALIC, 44));
                y += 70;
                g.drawString(film.getOriginalTitle(), margin, y);
            }

            if (!film.getDirectors().isEmpty()) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 36));
                g.drawString("A FILM BY", margin, HEIGHT - 220);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 52));
                g.drawString(String.join(", ", film.getDirectors()).toUpperCase(Locale.ROOT), margin, HEIGHT - 150);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(tried) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(tried);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
