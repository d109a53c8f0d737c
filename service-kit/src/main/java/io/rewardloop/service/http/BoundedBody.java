package io.rewardloop.service.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Reads a request body up to a size limit of the service's own (not Javalin's): refused before
 * reading when {@code Content-Length} is over the limit, and while reading when a chunked body
 * grows over it, so an oversized body is never held in memory.
 *
 * <p>A refused body still on its way (no {@code Expect: 100-continue}) is read and dropped, up to
 * {@link #MAX_DISCARD_BYTES}, before the 413 goes out: a client that sends its whole body before it
 * reads the answer (Java's HttpClient, Python's urllib) would otherwise see the connection reset
 * instead of the 413.
 */
public final class BoundedBody {

    /** The most bytes of a refused body read and dropped; past that the connection is closed. */
    public static final long MAX_DISCARD_BYTES = 64L * 1024 * 1024;

    private BoundedBody() {}

    /**
     * The body's bytes.
     *
     * @param ctx the request
     * @param maxBytes the limit
     * @param tooLarge the exception to throw when the body is over the limit (a 413 answer)
     * @return the bytes
     * @throws RuntimeException the one {@code tooLarge} gives
     */
    public static byte[] read(Context ctx, long maxBytes, Supplier<RuntimeException> tooLarge) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            // With Expect: 100-continue the body is not sent until asked for: never ask.
            boolean waiting = "100-continue".equalsIgnoreCase(ctx.header("Expect"));
            if (!waiting && declared <= MAX_DISCARD_BYTES) {
                try (InputStream in = ctx.req().getInputStream()) {
                    discard(in, declared);
                } catch (IOException e) {
                    // The client went away: there is no one to answer, and nothing to keep.
                }
            }
            throw tooLarge.get();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared >= 0) {
                return in.readNBytes((int) declared);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    discard(in, MAX_DISCARD_BYTES - total);
                    throw tooLarge.get();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        for (long left = atMost; left > 0; ) {
            int n = in.read(buffer);
            if (n == -1) {
                return;
            }
            left -= n;
        }
    }
}
