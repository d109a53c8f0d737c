/**
 * BERT on DJL's PyTorch engine: a protobuf reader for the weights of an ONNX export ({@link
 * io.rewardloop.model.backbone.bert.OnnxInitializers}), their mapping to encoder weights ({@link
 * io.rewardloop.model.backbone.bert.BertWeights}), the forward pass with mean pooling ({@link
 * io.rewardloop.model.backbone.bert.BertEncoder}) and BERT's pair encoding with an explicit
 * truncation policy ({@link io.rewardloop.model.backbone.bert.BertPairTokenizer}).
 */
package io.rewardloop.model.backbone.bert;
