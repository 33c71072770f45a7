package io.brushwork.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerPathsTest {
    @Test
    void pathsBecomeTheirFileNameAndUrlsAndWordsStay() {
        assertThat(ServerPaths.hide("cannot load ONNX model 'lama' from /srv/models/lama.onnx: bad magic"))
                .isEqualTo("cannot load ONNX model 'lama' from .../lama.onnx: bad magic");
        assertThat(ServerPaths.hide("paint: could not connect to http://10.0.0.5:8080/api/v1/inpaint"))
                .isEqualTo("paint: could not connect to http://10.0.0.5:8080/api/v1/inpaint");
        assertThat(ServerPaths.hide("model /tmp/x.onnx is not a file")).isEqualTo("model .../x.onnx is not a file");
        assertThat(ServerPaths.hide("cooling down until 2026-11-27T10:00:00Z after: HTTP 503/504"))
                .isEqualTo("cooling down until 2026-11-27T10:00:00Z after: HTTP 503/504");
    }
}
