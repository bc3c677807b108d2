package org.estate.monitoring.internal.probe.net;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read only up to a cap: the bytes counted, the first {@code cap} bytes kept when
 * the body is to be matched, and the rest never read (the connection is dropped instead), so a
 * large download cannot hold a run or fill the heap.
 */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Body> {

    /** What was read: the kept text (empty when not kept), the bytes read, and whether it stopped at the cap. */
    record Body(String text, long bytesRead, boolean capped) {
    }

    static final int CAP = 64 * 1024;

    private final boolean keep;
    private byte[] kept; // grown as the body arrives, never beyond CAP
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private int length;
    private long read;

    CappedBody(boolean keep, long expectedLength) {
        this.keep = keep;
        this.kept = keep ? new byte[(int) Math.clamp(expectedLength < 0 ? 4096 : expectedLength, 16, CAP)] : null;
    }

    static HttpResponse.BodyHandler<Body> handler(boolean keep) {
        return info -> new CappedBody(keep, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            int n = b.remaining();
            if (keep && length < CAP) {
                int take = Math.min(n, CAP - length);
                if (length + take > kept.length) {
                    kept = java.util.Arrays.copyOf(kept, Math.min(CAP, Math.max(length + take, kept.length * 2)));
                }
                b.get(kept, length, take);
                length += take;
            }
            read += n;
        }
        if (read >= CAP) {
            subscription.cancel();
            complete(true);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        complete(false);
    }

    private void complete(boolean capped) {
        result.complete(new Body(keep ? new String(kept, 0, length, StandardCharsets.UTF_8) : "", read, capped));
    }
}
