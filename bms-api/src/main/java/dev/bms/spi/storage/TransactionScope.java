package dev.bms.spi.storage;

import java.util.function.Supplier;

/**
 * An ambient transaction: work run through {@link #inTransaction} is one transaction, which every
 * store method called on the same thread joins. bms uses it to write an audit record in the same
 * transaction as the change it describes. An optional capability
 * ({@link StorageCapability#TRANSACTIONS}); without it, bms writes each record in its own transaction
 * right after the call.
 *
 * <p>Nothing the work stores is visible to other connections until the work returns and the
 * transaction commits; when the work throws, everything it stored is rolled back. A store method that
 * throws inside the scope dooms it (fail-closed): even when the work catches the failure and goes on,
 * nothing of the scope is committed and {@link #inTransaction} throws. So a store method needs no
 * savepoint of its own there (a database implementation saves two round trips per method), and a
 * change is never committed without the writes meant to go with it, such as its audit record. The scope takes one connection and reuses it for every store call of the thread, so it
 * never waits for a second one (a pool of one connection does not deadlock). Work handed to other
 * threads does not join it.
 *
 * @since 0.2.0
 */
public interface TransactionScope {

  /**
   * Runs {@code work} in one transaction and commits it when {@code work} returns; a call nested in
   * another joins the outer transaction (and commits with it).
   *
   * @return what {@code work} returned, once committed
   * @throws dev.bms.api.StorageException when the transaction cannot be opened or committed (nothing
   *     of it is then stored)
   */
  <T> T inTransaction(Supplier<T> work);
}
