package io.rewardloop.model.backbone;

/** all-MiniLM-L6-v2 on the PyTorch engine against ONNX Runtime on the bundled file. */
class MiniLmEquivalenceTest extends EncoderEquivalenceTest {

    @Override
    MiniLmBackbone open() throws Exception {
        return MiniLmBackbone.builder().build();
    }

    @Override
    OrtReference openReference() throws Exception {
        return new OrtReference();
    }
}
