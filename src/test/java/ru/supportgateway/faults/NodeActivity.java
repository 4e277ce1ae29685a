package ru.supportgateway.faults;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * What one gateway node did, counted from its Camel events (a bean in each node of a {@link FaultsWorld}):
 * mails it fetched from the faults desk's mailbox, and mails the SMTP server accepted from it.
 */
public final class NodeActivity extends EventNotifierSupport {

    final AtomicInteger mailsFetched = new AtomicInteger();
    final AtomicInteger smtpSends = new AtomicInteger();

    public NodeActivity() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof CamelEvent.ExchangeCompletedEvent done
                && "email-intake-faults".equals(done.getExchange().getFromRouteId())) {
            // one exchange per poll: its mail count
            mailsFetched.addAndGet(done.getExchange().getProperty(ExchangePropertyKey.BATCH_SIZE, 0, Integer.class));
        } else if (event instanceof CamelEvent.ExchangeCompletedEvent done
                && "email-outbox".equals(done.getExchange().getFromRouteId())
                && done.getExchange().getMessage().getBody() instanceof Integer accepted) {
            // the outbox's round (Outbox.sendDue) answers how many mails the SMTP server accepted
            smtpSends.addAndGet(accepted);
        }
    }
}
