package ru.supportgateway.email.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailConsumer;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.component.mail.MailMessage;
import org.apache.camel.util.KeyValueHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mail's consumer, one exchange per poll instead of one per mail: the body is the poll's mail
 * ({@code List<PolledMail>}), read in two IMAP commands ({@link MailboxFetch}). Once the exchange has
 * succeeded (the route stored the mail), the poll's mail is flagged \Seen in one command; when it failed,
 * nothing is flagged and the next poll fetches the same mail again. camel-mail, left alone, costs several
 * round trips per mail (flags, Message-ID, body, \Seen) and one route run per mail.
 */
final class PollMailConsumer extends MailConsumer {

    private static final Logger log = LoggerFactory.getLogger(PollMailConsumer.class);

    PollMailConsumer(MailEndpoint endpoint, Processor processor, JavaMailSender sender) {
        super(endpoint, processor, sender);
    }

    /** The poll's messages, unread (the flags come with the poll's FETCH). */
    @Override
    protected Exchange createExchange(KeyValueHolder<String, Message> holder) {
        return getEndpoint().createExchange(holder.getValue());
    }

    @Override
    public int processBatch(Queue<Object> exchanges) throws Exception {
        List<Message> polled = new ArrayList<>(exchanges.size());
        for (Object o : exchanges) {
            Exchange e = (Exchange) o;
            polled.add(e.getIn(MailMessage.class).getOriginalMessage());
            releaseExchange(e, false);
        }
        exchanges.clear();
        if (polled.isEmpty() || !isBatchAllowed()) {
            return 0;
        }
        List<PolledMail> mails = MailboxFetch.fetch(polled);
        if (mails.isEmpty()) {
            return 0;
        }
        Exchange exchange = createExchange(false);
        exchange.getIn().setBody(mails);
        exchange.setProperty(ExchangePropertyKey.BATCH_SIZE, mails.size());
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() == null) {
                flagSeen(mails);
            } else {
                getExceptionHandler().handleException("Mail of a poll not stored; fetched again at the next poll",
                        exchange, exchange.getException());
            }
        } finally {
            releaseExchange(exchange, false);
        }
        return mails.size();
    }

    private static void flagSeen(List<PolledMail> mails) throws jakarta.mail.MessagingException {
        Message[] all = mails.stream().map(PolledMail::message).toArray(Message[]::new);
        Folder folder = all[0].getFolder();
        if (!folder.isOpen()) {
            folder.open(Folder.READ_WRITE);
        }
        folder.setFlags(all, new Flags(Flags.Flag.SEEN), true);
        log.debug("{} mails of {} flagged \\Seen", all.length, folder.getFullName());
    }
}
