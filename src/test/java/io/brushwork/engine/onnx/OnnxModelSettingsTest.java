package io.brushwork.engine.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.BackendConfig;
import io.brushwork.config.ConfigException;
import io.brushwork.engine.BackendValues;
import io.brushwork.engine.onnx.OnnxModelSettings.Contract;
import io.brushwork.engine.onnx.OnnxModelSettings.DataType;
import io.brushwork.engine.onnx.OnnxModelSettings.Layout;
import io.brushwork.engine.onnx.OnnxModelSettings.ValueRange;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A {@code type: onnx} backend's keys, as {@link OnnxModelSettings#from} reads them. */
class OnnxModelSettingsTest {
    private static OnnxModelSettings from(Map<String, String> settings) {
        return OnnxModelSettings.from(new BackendValues("m",
                new BackendConfig(Optional.of("onnx"), settings, "backends.m in x.yaml")));
    }

    private static Map<String, String> generic(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("model", "a.onnx", "contract", "generic",
                "image-input", "img", "mask-input", "holes", "output", "out"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    @Test
    void aNamedContractNeedsOnlyTheModel() {
        assertThat(from(Map.of("model", "lama.onnx", "threads", "2")))
                .isEqualTo(OnnxModelSettings.lama(Path.of("lama.onnx"), 2));
        assertThat(from(Map.of("model", "migan.onnx", "contract", "MIGAN")))
                .isEqualTo(OnnxModelSettings.migan(Path.of("migan.onnx"), 1));
    }

    @Test
    void aGenericContractIsDescribedKeyByKey() {
        OnnxModelSettings s = from(generic("layout", "nhwc", "image-range", "-1..1", "mask-hole", "0",
                "mask-keep", "1", "size", "512x256"));
        assertThat(s.contract()).isEqualTo(Contract.GENERIC);
        assertThat(s.layout()).isEqualTo(Layout.NHWC);
        assertThat(s.inputType()).isEqualTo(DataType.FLOAT32);
        assertThat(s.imageRange()).isEqualTo(ValueRange.MINUS_ONE_TO_ONE);
        assertThat(s.outputRange()).isEqualTo(ValueRange.ZERO_TO_ONE);
        assertThat(s.width()).isEqualTo(512);
        assertThat(s.height()).isEqualTo(256);
        assertThat(from(generic("size", "any", "size-multiple", "8")).sizeMultiple()).isEqualTo(8);
    }

    @Test
    void mistakesNameTheKey() {
        assertThatThrownBy(() -> from(Map.of("model", "a.onnx", "contract", "sd")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("backends.m.contract is 'sd'; expected lama, migan or generic");
        assertThatThrownBy(() -> from(generic("output-range", "0..2")))
                .hasMessage("backends.m.output-range is '0..2'; expected 0..1, 0..255 or -1..1");
        assertThatThrownBy(() -> from(generic("size", "big")))
                .hasMessage("backends.m.size is 'big'; expected WxH such as 512x512, or any");
        assertThatThrownBy(() -> from(generic("mask-keep", "1", "mask-hole", "1")))
                .hasMessageStartingWith("backends.m: ONNX model mask values for hole and keep must be two different");
        assertThatThrownBy(() -> from(Map.of("model", "a.onnx", "image-input", "img")))
                .hasMessage("backends.m: unknown key 'image-input' for type onnx");
        assertThatThrownBy(() -> from(Map.of("threads", "2"))).hasMessage("backends.m needs model");
    }
}
