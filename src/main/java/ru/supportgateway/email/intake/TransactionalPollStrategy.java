package ru.supportgateway.email.intake;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Runs each poll of a Camel SQL consumer in one Spring transaction on the polling thread. Without it
 * every statement of the poll commits on its own and the row locks of {@code SELECT ... FOR UPDATE SKIP
 * LOCKED} end with the SELECT; with it they hold until the rows are processed and the poll commits, so
 * several gateway nodes polling the same table each take different rows. The consumer's JdbcTemplate and
 * the pipeline beans share the transaction because they use the same DataSource.
 */
class TransactionalPollStrategy implements PollingConsumerPollStrategy {

    private final PlatformTransactionManager transactions;
    private final ThreadLocal<TransactionStatus> current = new ThreadLocal<>();

    TransactionalPollStrategy(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        current.set(transactions.getTransaction(new DefaultTransactionDefinition()));
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        TransactionStatus status = current.get();
        current.remove();
        if (status != null && !status.isCompleted()) {
            transactions.commit(status);
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        TransactionStatus status = current.get();
        current.remove();
        if (status != null && !status.isCompleted()) {
            transactions.rollback(status);
        }
        return false; // no immediate retry: the next scheduled poll tries again
    }
}
