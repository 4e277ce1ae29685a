package ru.supportgateway.email.intake;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailComponentConfigurer;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailEndpointConfigurer;
import org.apache.camel.spi.PropertyConfigurer;

/**
 * camel-mail's component for the intake's {@code imap:} and {@code imaps:} endpoints, with a consumer that
 * hands the route a whole poll at once ({@link PollMailConsumer}): every endpoint option is camel-mail's own.
 */
public class IntakeMailComponent extends MailComponent {

    private static final PropertyConfigurer COMPONENT_OPTIONS = new MailComponentConfigurer();
    private static final PropertyConfigurer ENDPOINT_OPTIONS = new MailEndpointConfigurer();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MailConfiguration config = getConfiguration().copy();
        config.configure(new URI(uri));
        // Jakarta Mail session properties given as options (mail.imap.partialfetch=false), as camel-mail takes them
        for (Iterator<Map.Entry<String, Object>> it = parameters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Object> option = it.next();
            if (option.getKey().startsWith("mail.")) {
                config.getAdditionalJavaMailProperties().put(option.getKey(), option.getValue());
                it.remove();
            }
        }
        IntakeMailEndpoint endpoint = new IntakeMailEndpoint(uri, this, config);
        setProperties(endpoint, parameters);
        if (config.getSslContextParameters() == null) {
            config.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    // A subclass is not found by camel-mail's own configurer lookup (by scheme); name them.
    @Override
    public PropertyConfigurer getComponentPropertyConfigurer() {
        return COMPONENT_OPTIONS;
    }

    @Override
    public PropertyConfigurer getEndpointPropertyConfigurer() {
        return ENDPOINT_OPTIONS;
    }

    /** camel-mail's endpoint with the poll-at-once consumer. */
    static final class IntakeMailEndpoint extends MailEndpoint {

        IntakeMailEndpoint(String uri, MailComponent component, MailConfiguration configuration) {
            super(uri, component, configuration);
            // the key camel-mail makes per mail feeds only its idempotent repository (not used): make it cost
            // nothing instead of a round trip for the Message-ID header
            setMailUidGenerator((endpoint, message) -> Integer.toString(message.getMessageNumber()));
        }

        @Override
        public Consumer createConsumer(Processor processor, JavaMailSender sender) throws Exception {
            PollMailConsumer consumer = new PollMailConsumer(this, processor, sender);
            consumer.setHandleFailedMessage(getConfiguration().isHandleFailedMessage());
            consumer.setSkipFailedMessage(getConfiguration().isSkipFailedMessage());
            consumer.setMaxMessagesPerPoll(getMaxMessagesPerPoll());
            configureConsumer(consumer);
            return consumer;
        }
    }
}
