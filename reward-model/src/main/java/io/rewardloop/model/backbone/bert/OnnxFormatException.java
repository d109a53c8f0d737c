package io.rewardloop.model.backbone.bert;

import io.rewardloop.model.backbone.BackboneException;

/** An ONNX file could not be parsed or does not hold the weights a backbone expects. */
public class OnnxFormatException extends BackboneException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the file
     */
    public OnnxFormatException(String message) {
        super(message);
    }
}
