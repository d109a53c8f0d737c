package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import io.rewardloop.common.ConfigException;
import io.rewardloop.common.ConfigSource;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@link BertEncoder} runs its transformer layers. Operators choose with the key {@value #KEY}
 * ({@code auto}, {@code scripted} or {@code eager}).
 */
public enum LayerKernel {
    /**
     * Op by op through DJL's own bindings ({@link EagerLayer}): the reference, and the fallback
     * when a libtorch build cannot compile {@link #SCRIPTED}.
     */
    EAGER {
        @Override
        EncoderLayer open(BertConfig config, Device device) {
            return new EagerLayer(config, MatMulKernel.forDevice(device));
        }
    },
    /**
     * One TorchScript module a layer, with fused attention and fused dense epilogues ({@link
     * ScriptedLayer}): the default, 1.2-1.6x faster than {@link #EAGER} on a CPU.
     */
    SCRIPTED {
        @Override
        EncoderLayer open(BertConfig config, Device device) {
            return ScriptedLayer.load(config, device);
        }
    };

    /** The configuration key: {@code auto} (default), {@code scripted} or {@code eager}. */
    public static final String KEY = "backbone.layer.kernel";

    /**
     * Reads {@value #KEY}.
     *
     * @param config where to read it
     * @return the kernel asked for, or empty for {@code auto} ({@link #SCRIPTED}, falling back to
     *     {@link #EAGER} where it does not compile)
     * @throws ConfigException when the value is none of the three
     */
    public static Optional<LayerKernel> fromConfig(ConfigSource config) {
        String value = config.string(KEY, "auto").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "auto" -> Optional.empty();
            case "scripted" -> Optional.of(SCRIPTED);
            case "eager" -> Optional.of(EAGER);
            default ->
                    throw new ConfigException(
                            KEY + " must be auto, scripted or eager, not '" + value + "'");
        };
    }

    /** Prepares the kernel for an encoder of this shape on this device. */
    abstract EncoderLayer open(BertConfig config, Device device);
}
