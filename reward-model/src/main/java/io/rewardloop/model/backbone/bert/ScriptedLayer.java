package io.rewardloop.model.backbone.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import java.util.Locale;

/**
 * {@link LayerKernel#SCRIPTED}: the whole layer as one TorchScript module, compiled at load time
 * from {@link #source}, so that it can call what DJL does not bind:
 *
 * <ul>
 *   <li>{@code scaled_dot_product_attention}, which works block by block in cache (flash attention
 *       on a CPU; flash or memory-efficient kernels on a GPU) where op by op the {@code [size,
 *       heads, length, length]} scores make three trips through memory;
 *   <li>on a CPU, oneDNN's matmul with the bias, the GELU and the residual add fused into it
 *       ({@code mkldnn::_linear_pointwise}), its weights reordered once into oneDNN's blocked
 *       layout ({@code mkldnn::_reorder_linear_weight}; 3-7% faster than reordering on every call);
 *       on a GPU, {@code linear} (cuBLAS).
 * </ul>
 *
 * <p>The module has no parameters: the layer's weights come in with every call.
 */
final class ScriptedLayer implements EncoderLayer {

    private final ZooModel<NDList, NDList> module;
    private final Block block;
    private final ZooModel<NDList, NDList> packer;

    private ScriptedLayer(ZooModel<NDList, NDList> module, ZooModel<NDList, NDList> packer) {
        this.module = module;
        this.block = module.getBlock();
        this.packer = packer;
    }

    /** How the module's dense layers run. */
    enum Dense {
        /** oneDNN's matmul with the epilogue fused: for a CPU. */
        ONEDNN(ONEDNN_DENSE),
        /** {@code linear}, then the epilogue: cuBLAS on a GPU. */
        LINEAR(LINEAR_DENSE);

        private final String methods;

        Dense(String methods) {
            this.methods = methods;
        }

        static Dense forDevice(Device device) {
            return device.isGpu() ? LINEAR : ONEDNN;
        }
    }

    /** Compiles the layer for an encoder of this shape on this device. */
    static ScriptedLayer load(BertConfig config, Device device) {
        return load(config, device, Dense.forDevice(device));
    }

    /** Compiles the layer with chosen dense layers. */
    static ScriptedLayer load(BertConfig config, Device device, Dense dense) {
        ZooModel<NDList, NDList> module =
                new TorchScriptSource("BertLayer", source(config, dense)).load(device);
        if (dense != Dense.ONEDNN) {
            return new ScriptedLayer(module, null);
        }
        try {
            return new ScriptedLayer(
                    module, new TorchScriptSource("PackDenseWeight", PACK).load(device));
        } catch (RuntimeException e) {
            module.close();
            throw e;
        }
    }

    /** Reorders a dense weight into oneDNN's blocked layout once, instead of on every call. */
    private static final String PACK =
            """
              def forward(self: __torch__.PackDenseWeight, w: Tensor) -> Tensor:
                return ops.mkldnn._reorder_linear_weight(w, None)
            """;

    @Override
    public LayerWeights prepare(LayerWeights w) {
        if (packer == null) {
            return w;
        }
        return new LayerWeights(
                pack(w.qkvWeight()),
                w.qkvBias(),
                pack(w.attentionOutWeight()),
                w.attentionOutBias(),
                w.attentionNormWeight(),
                w.attentionNormBias(),
                pack(w.intermediateWeight()),
                w.intermediateBias(),
                pack(w.outputWeight()),
                w.outputBias(),
                w.outputNormWeight(),
                w.outputNormBias());
    }

    private NDArray pack(NDArray weight) {
        return packer.getBlock()
                .forward(new ParameterStore(weight.getManager(), false), new NDList(weight), false)
                .singletonOrThrow();
    }

    /** The module's methods: {@code forward} and the three dense variants. */
    static String source(BertConfig config, Dense dense) {
        String eps = String.format(Locale.ROOT, "%e", (double) config.layerNormEps());
        return FORWARD.replace("HEADS", String.valueOf(config.heads())).replace("EPS", eps)
                + dense.methods;
    }

    private static final String FORWARD =
            """
              def forward(self: __torch__.BertLayer,
                x: Tensor,
                mask_bias: Tensor,
                qkv_w: Tensor,
                qkv_b: Tensor,
                attention_out_w: Tensor,
                attention_out_b: Tensor,
                attention_norm_w: Tensor,
                attention_norm_b: Tensor,
                intermediate_w: Tensor,
                intermediate_b: Tensor,
                output_w: Tensor,
                output_b: Tensor,
                output_norm_w: Tensor,
                output_norm_b: Tensor) -> Tensor:
                size, length, hidden = x.size(0), x.size(1), x.size(2)
                qkv = self.dense(x, qkv_w, qkv_b).view([size, length, 3, HEADS, -1])
                heads = qkv.permute([2, 0, 3, 1, 4])
                mask : Optional[Tensor] = None
                if mask_bias.numel() > 0:
                  mask = mask_bias
                context = torch.scaled_dot_product_attention(heads[0], heads[1], heads[2], mask, scale=1.0)
                context = context.transpose(1, 2).reshape([size, length, hidden])
                attended = self.dense_add(context, x, attention_out_w, attention_out_b)
                attended = torch.layer_norm(attended, [hidden], attention_norm_w, attention_norm_b, EPS)
                inner = self.dense_gelu(attended, intermediate_w, intermediate_b)
                out = self.dense_add(inner, attended, output_w, output_b)
                return torch.layer_norm(out, [hidden], output_norm_w, output_norm_b, EPS)
            """;

    /** Dense layers by oneDNN's matmul with the epilogue fused. */
    private static final String ONEDNN_DENSE =
            """
              def dense(self: __torch__.BertLayer, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
                return ops.mkldnn._linear_pointwise(x, w, b, "none", annotate(List[Optional[number]], []), None)
              def dense_gelu(self: __torch__.BertLayer, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
                return ops.mkldnn._linear_pointwise(x, w, b, "gelu", annotate(List[Optional[number]], []), "none")
              def dense_add(self: __torch__.BertLayer, x: Tensor, residual: Tensor, w: Tensor, b: Tensor) -> Tensor:
                return ops.mkldnn._linear_pointwise(x, residual, w, b, "add")
            """;

    /** Dense layers by {@code linear}. */
    private static final String LINEAR_DENSE =
            """
              def dense(self: __torch__.BertLayer, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
                return torch.linear(x, w, b)
              def dense_gelu(self: __torch__.BertLayer, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
                return torch.gelu(torch.linear(x, w, b))
              def dense_add(self: __torch__.BertLayer, x: Tensor, residual: Tensor, w: Tensor, b: Tensor) -> Tensor:
                return torch.add(torch.linear(x, w, b), residual)
            """;

    @Override
    public NDArray apply(NDArray x, LayerWeights weights, NDArray maskBias) {
        NDArray mask = maskBias != null ? maskBias : x.getManager().create(new float[0]);
        NDList inputs = new NDList(x, mask);
        inputs.addAll(weights.asList());
        return block.forward(new ParameterStore(x.getManager(), false), inputs, false)
                .singletonOrThrow();
    }

    @Override
    public void close() {
        module.close();
        if (packer != null) {
            packer.close();
        }
    }
}
