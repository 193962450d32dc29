package dev.switchboard.engine.metrics;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends JSON lines to a file on its own thread, fed by a bounded queue so the event loop never
 * waits for a disk: when the queue is full a line is dropped and counted. Rotates by size:
 * {@code file} is renamed {@code file.1}, {@code file.1} becomes {@code file.2}, ... and the oldest
 * beyond {@code maxFiles} (the active file included) is deleted.
 */
public final class DecisionFileWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DecisionFileWriter.class.getName());
    private static final int QUEUE_CAPACITY = 10_000;

    private final Path file;
    private final long maxBytes;
    private final int maxFiles;
    private final BlockingQueue<Supplier<String>> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private final java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();
    private volatile boolean closed;
    private OutputStream out;
    private long size;

    /**
     * Starts the writer thread; the file is opened (and its directory created) on that thread.
     *
     * @param file     the active file
     * @param maxBytes rotate before a line would take the file past this size
     * @param maxFiles files kept, the active one included (1 = truncate instead of keeping old files)
     */
    public static DecisionFileWriter start(Path file, long maxBytes, int maxFiles) {
        return start(file, maxBytes, maxFiles, QUEUE_CAPACITY);
    }

    static DecisionFileWriter start(Path file, long maxBytes, int maxFiles, int queueCapacity) {
        DecisionFileWriter w = new DecisionFileWriter(file, maxBytes, maxFiles, queueCapacity);
        w.thread.start();
        return w;
    }

    private DecisionFileWriter(Path file, long maxBytes, int maxFiles, int queueCapacity) {
        if (maxBytes < 1 || maxFiles < 1) {
            throw new IllegalArgumentException("maxBytes and maxFiles must be positive, got " + maxBytes + " and " + maxFiles);
        }
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = new Thread(this::run, "switchboard-decision-log");
        thread.setDaemon(true);
    }

    /** Queues one line (without its newline); never blocks. */
    public void append(String line) {
        append(() -> line);
    }

    /**
     * Queues one line to be built on the writer's thread (encoding a decision costs the event loop
     * more than queueing it); never blocks.
     */
    public void append(Supplier<String> line) {
        if (closed || !queue.offer(line)) {
            drop(closed ? "the writer is closed" : "its queue of " + (queue.size() + queue.remainingCapacity()) + " is full");
        }
    }

    /** Lines dropped so far. */
    public long dropped() {
        return dropped.get();
    }

    private void drop(String why) {
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1000 == 0) { // a steady overload must not flood the log itself
            LOG.warning(() -> "decision log: " + n + " decision(s) not written to " + file + " so far (" + why + ")");
        }
    }

    private void run() {
        try {
            while (!closed || !queue.isEmpty()) {
                Supplier<String> line = queue.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                do {
                    write(line.get());
                    line = queue.poll();
                } while (line != null);
                flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeStream();
            finished.complete(null);
        }
    }

    private void write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxBytes) {
                rotate();
            }
            out.write(bytes);
            size += bytes.length;
        } catch (IOException e) {
            closeStream(); // reopen on the next line: the disk may come back
            LOG.log(Level.WARNING, "decision log: cannot write " + file, e);
            drop("write failed: " + e.getMessage());
        }
    }

    private void open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 64 * 1024);
        size = Files.size(file);
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        if (maxFiles == 1) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(numbered(maxFiles - 1));
            for (int i = maxFiles - 2; i >= 1; i--) {
                if (Files.exists(numbered(i))) {
                    Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }

    private void flush() {
        try {
            if (out != null) {
                out.flush();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "decision log: cannot flush " + file, e);
            closeStream();
        }
    }

    private void closeStream() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "decision log: cannot close " + file, e);
            }
            out = null;
        }
    }

    /** Stops taking lines; the thread writes what is queued, then closes the file. Does not wait. */
    @Override
    public void close() {
        closed = true;
    }

    /** Completes when, after {@link #close()}, the queued lines are written and the file is closed. */
    public java.util.concurrent.CompletionStage<Void> finished() {
        return finished;
    }
}
