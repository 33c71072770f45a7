package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.Brushwork;
import io.brushwork.config.ModelRoute;
import io.brushwork.engine.Operation;
import io.brushwork.engine.router.Routes;
import io.brushwork.image.ImageDecoder;
import io.brushwork.prompt.BuiltInExpander;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.testing.TestImages;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request reserves its image, then its working memory in steps; what it holds together is checked against the
 * budget, so one that could never fit is a 400 on an idle server, not a 503 its client would retry for ever.
 */
class RequestMemoryTest {
    private final Routes routes = new Routes(Clock.systemUTC(), 2);

    @AfterEach
    void close() {
        routes.close();
    }

    @Test
    void anUpscaleWhoseStepsTogetherCannotFitIsA400AndHoldsNothing() {
        ModelCatalog models = ModelCatalog.of(Map.of("V_2", new ModelRoute("patchmatch", "quality")),
                Brushwork.builtInBackends(), routes);
        int w = 100;
        int h = 80;
        long image = (long) w * h * MemoryBudget.BYTES_PER_PIXEL;
        long output = 4L * image;
        // Room for the image and the output, each step alone, but not for the upscaler's work on top.
        MemoryBudget budget = new MemoryBudget(image + output + 1000);
        EditPipeline pipeline = new EditPipeline(new ImageDecoder(10_000_000), budget,
                new MagicPrompt(BuiltInExpander.load()), new PromptScreen(Optional.empty()), Optional.empty());
        EditRequest upscale = new EditRequest(Operation.UPSCALE, TestImages.png(TestImages.photo(w, h)), null, "",
                models.find("V_2").orElseThrow(), MagicPromptOption.OFF, Optional.empty(), OptionalInt.of(1), 1,
                OutputSize.INPUT, EditRequest.Options.NONE, "image_file");
        assertThatThrownBy(() -> pipeline.run(upscale, kept -> { }))
                .isInstanceOf(InvalidEditException.class)
                .hasMessageStartingWith("this 100x80 request needs about")
                .hasMessageContaining("send a smaller image");
        assertThat(budget.usedBytes()).isZero();
    }
}
