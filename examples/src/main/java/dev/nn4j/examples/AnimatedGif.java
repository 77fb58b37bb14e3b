package dev.nn4j.examples;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF written frame by frame with the JDK's ImageIO GIF writer, looping forever
 * (the NETSCAPE2.0 application extension) with a fixed delay per frame. Frames are streamed
 * to the file as they come, so memory does not grow with their number. Not thread-safe;
 * {@link #close()} finishes the file.
 */
final class AnimatedGif implements Closeable {
    private final ImageWriter writer;
    private final ImageOutputStream stream;
    private final int delayCentiseconds;
    private int frames;

    /**
     * Starts {@code file} (replacing it) with {@code delayMillis} between frames. Frames of
     * type {@code TYPE_BYTE_INDEXED} are written as they are; the writer builds a palette for
     * any other kind, which is much slower.
     */
    AnimatedGif(Path file, int delayMillis) throws IOException {
        writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(file);
        stream = ImageIO.createImageOutputStream(file.toFile());
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
        delayCentiseconds = Math.max(1, delayMillis / 10);
    }

    /** Appends one frame (every frame should have the size of the first). */
    void add(BufferedImage frame) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (frames == 0) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});   // sub-block 1, loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(frame, null, meta), param);
        frames++;
    }

    /** Frames written so far. */
    int frames() {
        return frames;
    }

    @Override
    public void close() throws IOException {
        try {
            writer.endWriteSequence();
        } finally {
            stream.close();
            writer.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
