/**
 * Backbones: frozen feature extractors that turn (prompt, response) pairs into the response feature
 * {@code h_y} and the prompt feature {@code h_x} consumed by the ArmoRM heads.
 *
 * <p>{@link io.rewardloop.model.backbone.Backbone} is the interface the rest of the system sees.
 * {@link io.rewardloop.model.backbone.MiniLmBackbone} runs all-MiniLM-L6-v2 on DJL's PyTorch engine
 * from its ONNX weights; {@link io.rewardloop.model.backbone.TorchScriptBackbone} runs a
 * TorchScript export of a decoder reward model such as ArmoRM-Llama3-8B. Both truncate by {@link
 * io.rewardloop.model.backbone.TruncationPolicy} and batch by {@link
 * io.rewardloop.model.backbone.TokenBudgetBatcher}. Backbones are not thread-safe: one per thread,
 * or synchronize.
 */
package io.rewardloop.model.backbone;
