package io.rewardloop.launcher;

import io.rewardloop.channel.ModelCatalog;
import io.rewardloop.channel.ModelPublisher;
import io.rewardloop.events.ModelPublished;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rlhf models}: list the versions on {@code rlhf.models}, roll a lineage back. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List the model versions on rlhf.models, roll a lineage back, make keys.",
        subcommands = {
            ModelsCommand.ListCommand.class,
            ModelsCommand.RollbackCommand.class,
            ModelsCommand.KeygenCommand.class
        })
final class ModelsCommand implements Runnable {

    @Spec private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rlhf models list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description =
                    "Every version of a lineage (--all: of every lineage) in log order, with what"
                            + " followers make of it: LIVE is the version they score with by the"
                            + " rule (if its artifact loads), refused ones say why.")
    static final class ListCommand implements Callable<Integer> {

        @Spec private CommandSpec spec;
        @Mixin private ModelChannelOptions channel;

        @Option(names = "--all", description = "Every lineage, not only --lineage.")
        private boolean all;

        @Override
        public Integer call() {
            ModelCatalog catalog = ModelCatalog.read(channel.kafka(spec), channel.channel());
            PrintWriter out = spec.commandLine().getOut();
            List<String> lineages = all ? catalog.lineages() : List.of(channel.lineage);
            out.printf(
                    "%-12s %-16s %-12s %-14s %-20s %10s  %-8s %-7s %-28s %s%n",
                    "LINEAGE", "VERSION", "PARENT", "TRIGGER", "CREATED", "BYTES", "WHERE",
                    "SIGNED", "METRICS", "STATUS");
            for (String lineage : lineages) {
                Optional<ModelCatalog.Entry> live = catalog.live(lineage);
                for (ModelCatalog.Entry e : catalog.lineage(lineage)) {
                    out.println(row(e, live.isPresent() && live.get() == e));
                }
            }
            if (!all && catalog.lineage(channel.lineage).isEmpty()) {
                out.printf("(no versions in lineage '%s')%n", channel.lineage);
            }
            out.flush();
            return 0;
        }

        private static String row(ModelCatalog.Entry e, boolean live) {
            ModelPublished r = e.record();
            String status =
                    e.problem() != null ? "refused: " + e.problem() : live ? "LIVE" : "accepted";
            if (r == null) {
                return String.format(
                        "%-12s %-16s %-12s %-14s %-20s %10s  %-8s %-7s %-28s %s",
                        e.lineage(), "?", "", "", "", "", "", "", "", status);
            }
            return String.format(
                    "%-12s %-16s %-12s %-14s %-20s %10d  %-8s %-7s %-28s %s",
                    e.lineage(),
                    r.getVersion(),
                    r.getParentVersion() == null ? "-" : r.getParentVersion(),
                    r.getRollback() ? r.getTrigger() + "+ROLLBACK" : r.getTrigger().toString(),
                    r.getCreatedAt().toString().replaceFirst("\\.\\d+Z$", "Z"),
                    r.getSizeBytes(),
                    r.getArtifact() != null ? "inline" : scheme(r.getArtifactUri()),
                    r.getSignature() == null ? "no" : r.getSignature().split(":", 2)[0],
                    metrics(r.getMetrics()),
                    status);
        }

        private static String scheme(String uri) {
            return uri == null ? "-" : uri.startsWith("store:") ? "store" : "url";
        }

        private static String metrics(Map<String, Double> metrics) {
            StringBuilder text = new StringBuilder();
            new TreeMap<>(metrics)
                    .forEach(
                            (k, v) -> {
                                if (k.contains("accuracy")) {
                                    text.append(text.length() == 0 ? "" : ",")
                                            .append(k)
                                            .append('=')
                                            .append(String.format("%.3f", v));
                                }
                            });
            return text.length() == 0 ? "-" : text.toString();
        }
    }

    /** {@code rlhf models rollback --to VERSION}. */
    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description =
                    "Make followers go back to an earlier accepted version: re-publishes its record"
                            + " marked as a rollback. New versions must still order after every"
                            + " version published before.")
    static final class RollbackCommand implements Callable<Integer> {

        @Spec private CommandSpec spec;
        @Mixin private ModelChannelOptions channel;

        @Option(
                names = "--to",
                paramLabel = "VERSION",
                required = true,
                description = "The version to go back to.")
        private String version;

        @Override
        public Integer call() {
            ModelPublished record =
                    new ModelPublisher(channel.kafka(spec), channel.channel())
                            .rollback(channel.lineage, version);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "Rolled lineage '%s' back to %s (sha256 %s%s); followers switch to it"
                                    + " now.%n",
                            channel.lineage,
                            record.getVersion(),
                            record.getSha256(),
                            record.getSignature() != null ? ", signed" : "");
            return 0;
        }
    }

    /** {@code rlhf models keygen --out DIR}. */
    @Command(
            name = "keygen",
            mixinStandardHelpOptions = true,
            description =
                    "Write an Ed25519 key pair for model signing: DIR/model-signing.key (PKCS#8 PEM,"
                            + " for publishers: models.signing.private.key=@DIR/model-signing.key)"
                            + " and DIR/model-signing.pub (X.509 PEM, for followers:"
                            + " models.signing.public.key=@DIR/model-signing.pub).")
    static final class KeygenCommand implements Callable<Integer> {

        @Spec private CommandSpec spec;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where.")
        private Path out;

        @Override
        public Integer call() throws Exception {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(out);
            Path key = out.resolve("model-signing.key");
            Path pub = out.resolve("model-signing.pub");
            Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: leave the permissions to the user
            }
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            spec.commandLine().getOut().printf("Wrote %s and %s.%n", key, pub);
            return 0;
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN "
                    + type
                    + "-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END "
                    + type
                    + "-----\n";
        }
    }
}
