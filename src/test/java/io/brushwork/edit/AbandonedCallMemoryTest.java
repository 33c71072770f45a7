package io.brushwork.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.brushwork.config.ModelRoute;
import io.brushwork.config.RouteStep;
import io.brushwork.engine.BackendException;
import io.brushwork.engine.BackendRegistry;
import io.brushwork.engine.InpaintEngine;
import io.brushwork.engine.router.Routes;
import io.brushwork.image.ImageDecoder;
import io.brushwork.prompt.BuiltInExpander;
import io.brushwork.prompt.MagicPrompt;
import io.brushwork.prompt.MagicPromptOption;
import io.brushwork.testing.MutableClock;
import io.brushwork.testing.StubbornEngine;
import io.brushwork.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An edit whose backend call outlives its timeout: the edit answers, but its memory stays reserved while the call
 * still runs (it still works on the edit's image, with working memory of its own), and goes back, once, when the
 * call ends.
 */
class AbandonedCallMemoryTest {
    private static final long WORKING = 1_000_000;

    private final Routes routes = new Routes(new MutableClock(Instant.parse("2026-11-27T09:00:00Z")), 2);
    private final MemoryBudget budget = new MemoryBudget(1L << 30);
    private final EditPipeline pipeline = new EditPipeline(new ImageDecoder(10_000_000), budget,
            new MagicPrompt(BuiltInExpander.load()), new PromptScreen(Optional.empty()), Optional.empty());

    @AfterEach
    void close() {
        routes.close();
    }

    private EditRequest request(InpaintEngine engine) {
        RouteStep step = new RouteStep(engine.name(), "default", 1, 1, Duration.ofMillis(50), 0, 0,
                Duration.ofSeconds(30), false);
        ModelCatalog.Model model = new ModelCatalog.Model("SLOW",
                routes.resolve("SLOW", new ModelRoute(List.of(step)), new BackendRegistry().register(engine)));
        return new EditRequest(TestImages.png(TestImages.photo(40, 30)),
                TestImages.png(TestImages.mask(40, 30, 10, 10, 8, 8)), "", model, MagicPromptOption.OFF,
                Optional.empty(), OptionalInt.of(1), 1, OutputSize.INPUT);
    }

    @Test
    void theMemoryStaysReservedUntilTheAbandonedCallEnds() throws Exception {
        StubbornEngine stubborn = new StubbornEngine("stubborn", WORKING);
        assertThatThrownBy(() -> pipeline.run(request(stubborn), image -> { }))
                .isInstanceOf(BackendException.class).hasMessageContaining("took longer than");

        assertThat(stubborn.ended.getCount()).as("the call still runs").isOne();
        assertThat(budget.usedBytes()).as("the image and the working memory, still in use")
                .isEqualTo(40 * 30 * MemoryBudget.BYTES_PER_PIXEL + WORKING);

        stubborn.gate.countDown();
        assertThat(stubborn.ended.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.usedBytes() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(budget.usedBytes()).as("given back once the call ended, and only once").isZero();
    }

    @Test
    void anEditWithNoCallLeftRunningGivesItsMemoryBackWhenItAnswers() {
        StubbornEngine quick = new StubbornEngine("quick", WORKING);
        quick.gate.countDown();
        assertThat(pipeline.run(request(quick), image -> { }).images()).hasSize(1);
        assertThat(budget.usedBytes()).isZero();
    }
}
