package ru.supportgateway.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code gateway.desks.<id>.head-email}: where the monthly journal goes; optional, but never a malformed address. */
class DeskHeadEmailTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DeskConfiguration.class)
            .withPropertyValues("gateway.desks.sc.name=Ситуационный центр", "gateway.desks.sc.zone=Asia/Yekaterinburg",
                    "gateway.desks.sc.hours.mon-fri=08:30-17:00");

    @Test
    void theHeadsAddressIsKept() {
        runner.withPropertyValues("gateway.desks.sc.head-email= head@example.org ").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Desks.class).get("sc").headEmail()).contains("head@example.org");
        });
    }

    @Test
    void withoutItTheDeskHasNoHead() {
        runner.run(ctx -> assertThat(ctx.getBean(Desks.class).get("sc").headEmail()).isEmpty());
    }

    @Test
    void aMalformedOrDoubleAddressStopsTheStartNamingTheKey() {
        for (String bad : new String[] {"head", "head@example.org, boss@example.org", "head at example.org"}) {
            runner.withPropertyValues("gateway.desks.sc.head-email=" + bad).run(ctx ->
                    assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("gateway.desks.sc.head-email"));
        }
    }
}
