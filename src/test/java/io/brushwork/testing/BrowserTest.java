package io.brushwork.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class that drives a {@link Browser}. Where Chromium is missing its tests are skipped, each with the reason
 * (an assumption failing in {@code @BeforeAll} would hide the class from Surefire's counts instead), unless the build
 * runs with {@code -Dbrushwork.browser=required}, as {@code scripts/test} does: then {@link Browser#start} fails them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserTest.WhereChromiumIs.class)
public @interface BrowserTest {
    final class WhereChromiumIs implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Browser.installed() || "required".equals(System.getProperty("brushwork.browser"))) {
                return ConditionEvaluationResult.enabled("Chromium is installed, or required");
            }
            return ConditionEvaluationResult.disabled("skipped: " + Browser.MISSING);
        }
    }
}
