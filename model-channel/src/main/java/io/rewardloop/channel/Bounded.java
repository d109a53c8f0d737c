package io.rewardloop.channel;

import io.rewardloop.common.RewardLoopException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream without ever holding more than a limit. */
final class Bounded {

    private Bounded() {}

    static byte[] readAtMost(InputStream in, long limit, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit, 1 << 20));
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
            if (total > limit) {
                throw new RewardLoopException(
                        "refusing artifact "
                                + what
                                + ": more than the "
                                + limit
                                + " bytes allowed");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
