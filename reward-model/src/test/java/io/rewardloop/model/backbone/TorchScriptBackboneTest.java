package io.rewardloop.model.backbone;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.MalformedModelException;
import io.rewardloop.common.ConfigException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptBackboneTest {

    @TempDir Path dir;

    private Path tokenizer() throws Exception {
        Path json = dir.resolve("tokenizer.json");
        try (InputStream in =
                getClass().getResourceAsStream(MiniLmBackboneBuilder.TOKENIZER_RESOURCE)) {
            Files.copy(in, json);
        }
        return json;
    }

    @Test
    void shouldRequireAModelPath() {
        assertThatThrownBy(() -> TorchScriptBackbone.builder().setTokenizerPath(dir).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setModelPath");
    }

    @Test
    void shouldRequireATokenizerPath() {
        assertThatThrownBy(
                        () ->
                                TorchScriptBackbone.builder()
                                        .setModelPath(dir.resolve("m.pt"))
                                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("setTokenizerPath");
    }

    @Test
    void shouldRejectAPromptLimitThatLeavesNoRoomForTheResponse() {
        assertThatThrownBy(
                        () ->
                                TorchScriptBackbone.builder()
                                        .setModelPath(dir.resolve("m.pt"))
                                        .setTokenizerPath(dir.resolve("t.json"))
                                        .optMaxTokens(512)
                                        .optMaxPromptTokens(512)
                                        .build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maxPromptTokens=512");
    }

    @Test
    void shouldNameAMissingModelFile() throws Exception {
        Path missing = dir.resolve("armorm.pt");
        Path tokenizer = tokenizer();

        assertThatThrownBy(
                        () ->
                                TorchScriptBackbone.builder()
                                        .setModelPath(missing)
                                        .setTokenizerPath(tokenizer)
                                        .build())
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("armorm.pt")
                .hasMessageContaining("TorchScript model not found");
    }

    @Test
    void shouldRejectAFileThatIsNotTorchScript() throws Exception {
        Path garbage = dir.resolve("garbage.pt");
        Files.writeString(garbage, "this is not a TorchScript archive");
        Path tokenizer = tokenizer();

        assertThatThrownBy(
                        () ->
                                TorchScriptBackbone.builder()
                                        .setModelPath(garbage)
                                        .setTokenizerPath(tokenizer)
                                        .build())
                .isInstanceOf(MalformedModelException.class)
                .hasMessageContaining("garbage.pt");
    }
}
