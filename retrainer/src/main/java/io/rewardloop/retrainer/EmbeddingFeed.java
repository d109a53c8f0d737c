package io.rewardloop.retrainer;

import io.rewardloop.model.backbone.Backbone;
import io.rewardloop.model.backbone.BackboneException;
import io.rewardloop.model.backbone.Features;
import io.rewardloop.model.backbone.PromptResponse;
import io.rewardloop.model.data.PreferencePair;
import io.rewardloop.model.heads.PairSet;
import io.rewardloop.model.training.EmbeddingProgress;
import io.rewardloop.model.training.PairFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds what the {@link EmbeddingWatch} tests, on its own thread with its own backbone, so that
 * the feedback reader never waits for a forward pass: a hashed sample of {@code rlhf.responses}
 * (prompt and response, the text the scorer embeds) and every labelled pair, recorded after the
 * live version was published. The reader hands items over a bounded queue and drops (and counts)
 * what does not fit; this thread embeds at most {@link EmbeddingFeedSettings#maxPerSecond()} new
 * backbone rows a second on average, pausing after a batch for as long as its new rows are owed.
 *
 * <p>Per live version (loaded when the scorer's rewards name a version it has not loaded, and at
 * start): the bootstrap heads are fit on the newest labelled pairs recorded before the version was
 * published, and the reference is its first embedded responses. Both go through the feed's durable
 * disk cache (its own file: the rounds append to theirs from another thread), paced like the rest,
 * so after a restart they cost no forward passes; window responses and labels bypass it, so the
 * cache grows per version, not per response. While reading history, responses past the reference
 * are held back a window at a time and dropped when the window is full (it was tested before the
 * restart); what is held back when the reader catches up is embedded then, so the current window
 * resumes where it was.
 */
public final class EmbeddingFeed implements Runnable {

    /** Items the reader may queue before it drops them. */
    static final int QUEUE_CAPACITY = 4096;

    /** Items embedded per backbone call at most. */
    static final int BATCH = 16;

    /** Fewest labelled pairs the bootstrap heads are fit on. */
    static final int MIN_ENSEMBLE_PAIRS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingFeed.class);

    /** What the reader hands over: a sampled response, or a labelled pair. */
    private record Item(
            long timestamp, boolean live, String prompt, String response, PreferencePair pair) {}

    /**
     * The feed's backbone, two ways: through the durable disk cache, and around it.
     *
     * @param cached the feature-cached backbone
     * @param direct the same backbone without the cache
     * @param cachedRows rows the cache holds, for counting its misses
     */
    public record Backbones(Backbone cached, Backbone direct, Supplier<Integer> cachedRows) {}

    /** Windows' worth of sampled responses within which a prompt gives at most one. */
    static final int RECENT_PROMPT_WINDOWS = 4;

    private final EmbeddingFeedSettings settings;
    private final EmbeddingWatch watch;
    private final Supplier<LiveModel> lineage;
    private final Function<String, Backbones> backbones;
    private final Supplier<List<FeedbackLog.Labelled<PreferencePair>>> pairs;
    private final long seed;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Item> heldBack = new ArrayList<>();
    private final AtomicLong embedded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Set<String> recentPrompts;
    private volatile long since = Long.MIN_VALUE;
    private volatile String versionSeen;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private String askedFor;
    private LiveModel followed;
    private Backbones backbone;
    private BootstrapHeads heads;
    private int heldBackResponses;

    /**
     * Creates the feed.
     *
     * @param settings sampling, rate, ensemble
     * @param watch where embedded responses and verdicts go
     * @param lineage reads the lineage's live version (null when there is none)
     * @param backbones the feed's backbone of an id (not shared with any other thread)
     * @param pairs the labelled pairs read so far, with their record times
     * @param seed seed of the bootstrap resamples
     */
    public EmbeddingFeed(
            EmbeddingFeedSettings settings,
            EmbeddingWatch watch,
            Supplier<LiveModel> lineage,
            Function<String, Backbones> backbones,
            Supplier<List<FeedbackLog.Labelled<PreferencePair>>> pairs,
            long seed) {
        this.settings = settings;
        this.watch = watch;
        this.lineage = lineage;
        this.backbones = backbones;
        this.pairs = pairs;
        this.seed = seed;
        int recent = RECENT_PROMPT_WINDOWS * settings.windowSize();
        this.recentPrompts =
                Collections.newSetFromMap(
                        new LinkedHashMap<>() {
                            @Override
                            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                                return size() > recent;
                            }
                        });
    }

    /**
     * Offers a policy response; embedded when its prompt is in the sample and no other response to
     * that prompt was taken among the newest {@link #RECENT_PROMPT_WINDOWS} windows' worth. Several
     * responses to one prompt embed alike, and the MMD test takes a window's responses as
     * independent draws: a window of such clusters looks shifted against any other (a policy that
     * samples 2 or 16 responses a prompt would raise false alarms). Call from one thread (the
     * reader). Never blocks.
     *
     * @param promptId the prompt's id
     * @param prompt the prompt text
     * @param response the response text
     * @param timestamp its record time (ms)
     * @param isLive false while the reader catches up on history
     */
    public void offerResponse(
            String promptId, String prompt, String response, long timestamp, boolean isLive) {
        if (timestamp >= since && settings.sampled(promptId) && recentPrompts.add(promptId)) {
            offer(new Item(timestamp, isLive, prompt, response, null));
        }
    }

    /**
     * Offers a labelled pair; its verdict is tested when it was recorded after the live version was
     * published. Never blocks.
     *
     * @param pair the pair (null for a tie, ignored)
     * @param timestamp its record time (ms)
     * @param isLive false while the reader catches up on history
     */
    public void offerPair(PreferencePair pair, long timestamp, boolean isLive) {
        if (pair != null && timestamp >= since) {
            offer(new Item(timestamp, isLive, pair.prompt(), null, pair));
        }
    }

    /**
     * Tells the feed which version the scorer scores with; a version it has not loaded makes it
     * read the lineage again.
     *
     * @param version the version named on {@code rlhf.rewards}
     */
    public void versionSeen(String version) {
        versionSeen = version;
    }

    /**
     * New backbone rows computed so far (cache misses).
     *
     * @return the count
     */
    public long embedded() {
        return embedded.get();
    }

    /**
     * Items dropped because the queue was full.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /** Stops the loop (within a fraction of a second, or after the batch being embedded). */
    public void stop() {
        stopping.countDown();
    }

    @Override
    public void run() {
        try {
            load();
            while (stopping.getCount() > 0) {
                String seen = versionSeen;
                if (seen != null
                        && !seen.equals(askedFor)
                        && (followed == null || !seen.equals(followed.version()))) {
                    askedFor = seen;
                    load();
                }
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null || followed == null) {
                    continue;
                }
                List<Item> batch = new ArrayList<>(BATCH);
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                process(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void offer(Item item) {
        if (!queue.offer(item)) {
            dropped.incrementAndGet();
        }
    }

    private void load() throws InterruptedException {
        try {
            LiveModel loaded = lineage.get();
            if (loaded != null
                    && (followed == null || !loaded.version().equals(followed.version()))) {
                follow(loaded);
            }
        } catch (RuntimeException e) {
            followed = null;
            LOG.warn(
                    "drift feed cannot follow the live version, tries again on the next one: {}",
                    e.getMessage());
        }
    }

    private void follow(LiveModel loaded) throws InterruptedException {
        followed = null;
        since = loaded.publishedAtMillis();
        backbone = backbones.apply(loaded.backboneId());
        heldBack.clear();
        heldBackResponses = 0;
        long start = System.nanoTime();
        long before = embedded.get();
        heads = fitHeads(loaded);
        pace(embedded.get() - before, start);
        watch.newVersion(
                loaded.version(),
                Double.isNaN(loaded.heldOutAccuracy())
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(loaded.heldOutAccuracy()));
        followed = loaded;
        LOG.info(
                "drift feed follows {} (published at {}), {}",
                loaded.version(),
                Instant.ofEpochMilli(since),
                heads == null ? "no ensemble" : settings.ensembleMembers() + " bootstrap heads");
    }

    private BootstrapHeads fitHeads(LiveModel version) {
        if (settings.ensembleMembers() == 0) {
            return null;
        }
        List<PreferencePair> before =
                pairs.get().stream()
                        .filter(p -> p.timestamp() < version.publishedAtMillis())
                        .map(FeedbackLog.Labelled::item)
                        .toList();
        if (before.size() < MIN_ENSEMBLE_PAIRS) {
            LOG.info(
                    "{} labelled pairs before {} was published: ensemble disagreement stays off",
                    before.size(),
                    version.version());
            return null;
        }
        List<PreferencePair> newest =
                before.subList(
                        Math.max(0, before.size() - settings.ensemblePairs()), before.size());
        int cachedBefore = backbone.cachedRows().get();
        PairFeatures features =
                PairFeatures.embed(newest, backbone.cached(), EmbeddingProgress.NONE);
        embedded.addAndGet(backbone.cachedRows().get() - cachedBefore);
        return BootstrapHeads.fit(
                PairSet.builder()
                        .setPrompts(features.prompts())
                        .setResponses(features.chosen(), features.rejected())
                        .build(),
                settings.ensembleMembers(),
                seed);
    }

    private void process(List<Item> batch) throws InterruptedException {
        List<Item> reference = new ArrayList<>();
        List<Item> current = new ArrayList<>();
        int missing = watch.referenceMissing();
        for (Item item : batch) {
            if (item.timestamp() < since) {
                continue;
            }
            if (item.pair() == null && reference.size() < missing) {
                reference.add(item);
            } else if (!item.live()) {
                holdBack(item);
            } else {
                current.addAll(heldBack);
                heldBack.clear();
                heldBackResponses = 0;
                current.add(item);
            }
        }
        long start = System.nanoTime();
        long rows = 0;
        try {
            int cachedBefore = backbone.cachedRows().get();
            take(reference, backbone.cached());
            rows += backbone.cachedRows().get() - cachedBefore;
            rows += take(current, backbone.direct());
        } catch (BackboneException e) {
            LOG.warn("drift feed skipped {} items: {}", batch.size(), e.getMessage());
        }
        embedded.addAndGet(rows);
        pace(rows, start);
    }

    /** Waits until {@code rows} new rows since {@code start} are within the rate (or a stop). */
    private void pace(long rows, long start) throws InterruptedException {
        long owed = (long) (rows * 1e9 / settings.maxPerSecond()) - (System.nanoTime() - start);
        if (owed > 0) {
            stopping.await(owed, TimeUnit.NANOSECONDS);
        }
    }

    // A history window is tested before the restart: hold it back until it is full, then drop it.
    private void holdBack(Item item) {
        heldBack.add(item);
        if (item.pair() == null && ++heldBackResponses == settings.windowSize()) {
            heldBack.clear();
            heldBackResponses = 0;
        }
    }

    /** Embeds the items and hands them to the watch; returns the backbone rows used. */
    private int take(List<Item> items, Backbone with) {
        if (items.isEmpty()) {
            return 0;
        }
        List<PromptResponse> rows = new ArrayList<>();
        for (Item item : items) {
            if (item.pair() == null) {
                rows.add(new PromptResponse(item.prompt(), item.response()));
            } else {
                rows.add(new PromptResponse(item.prompt(), item.pair().chosen()));
                rows.add(new PromptResponse(item.prompt(), item.pair().rejected()));
            }
        }
        Features features = with.embed(rows);
        int row = 0;
        for (Item item : items) {
            float[] prompt = features.promptFeatures()[row];
            float[] response = features.responseFeatures()[row];
            if (item.pair() == null) {
                watch.onResponse(
                        item.timestamp(),
                        response,
                        heads == null ? null : heads.rewards(response),
                        item.live());
                row++;
            } else {
                float[] rejected = features.responseFeatures()[row + 1];
                double margin =
                        followed.model()
                                        .score(prompt, response, item.pair().chosen().length())
                                        .score()
                                - followed.model()
                                        .score(prompt, rejected, item.pair().rejected().length())
                                        .score();
                watch.onLabel(margin > 0);
                row += 2;
            }
        }
        return rows.size();
    }
}
