package io.rewardloop.model.backbone.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import io.rewardloop.model.backbone.BackboneException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class TorchScriptSourceTest {

    private static final TorchScriptSource SCALED_SUM =
            new TorchScriptSource(
                    "ScaledSum",
                    """
                      def forward(self: __torch__.ScaledSum,
                        x: Tensor,
                        y: Tensor) -> Tensor:
                        return torch.add(x, y, alpha=2)
                    """);

    @Test
    void shouldWriteTheRecordsTorchJitLoadReadsUncompressedUnderOneFolder() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip =
                new ZipInputStream(new ByteArrayInputStream(SCALED_SUM.archive()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
                entries.put(e.getName(), zip.readAllBytes());
            }
        }

        assertThat(entries)
                .containsOnlyKeys(
                        "scaledsum/data.pkl",
                        "scaledsum/code/__torch__.py",
                        "scaledsum/constants.pkl",
                        "scaledsum/version");
        assertThat(new String(entries.get("scaledsum/code/__torch__.py"), StandardCharsets.UTF_8))
                .startsWith("class ScaledSum(Module):\n")
                .contains("  training : bool\n", "return torch.add(x, y, alpha=2)");
    }

    @Test
    void shouldCompileAndRunTheModuleOnThePyTorchEngine() {
        try (ZooModel<NDList, NDList> module = SCALED_SUM.load(Device.cpu());
                NDManager manager = module.getNDManager().newSubManager()) {
            NDArray x = manager.create(new float[] {1, 2, 3});
            NDArray y = manager.create(new float[] {10, 20, 30});

            NDArray out =
                    module.getBlock()
                            .forward(new ParameterStore(manager, false), new NDList(x, y), false)
                            .singletonOrThrow();

            assertThat(out.toFloatArray()).containsExactly(21f, 42f, 63f);
        }
    }

    @Test
    void shouldNameTheModuleAndQuoteLibtorchWhenTheSourceDoesNotCompile() {
        TorchScriptSource broken =
                new TorchScriptSource(
                        "Broken",
                        """
                          def forward(self: __torch__.Broken, x: Tensor) -> Tensor:
                            return torch.no_such_op(x)
                        """);

        assertThatThrownBy(() -> broken.load(Device.cpu()))
                .isInstanceOf(BackboneException.class)
                .hasMessageContaining("Broken")
                .rootCause()
                .hasMessageContaining("no_such_op");
    }

    @Test
    void shouldRefuseAClassNameThatIsNotAnIdentifier() {
        assertThatThrownBy(() -> new TorchScriptSource("not a name", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a name");
    }
}
