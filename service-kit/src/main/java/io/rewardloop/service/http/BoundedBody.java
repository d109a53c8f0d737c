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
 */
public final class BoundedBody {

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
                    throw tooLarge.get();
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }
}
