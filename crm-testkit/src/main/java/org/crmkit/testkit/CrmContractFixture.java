package org.crmkit.testkit;

import java.util.function.Consumer;
import org.crmkit.Crm;
import org.crmkit.storage.CrmStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base class for an adapter's contract test: extend it, implement {@link #newStorage()}, and implement
 * {@link CrmContract} to run the whole suite:
 *
 * <pre>{@code
 * class MyStorageContractTest extends CrmContractFixture implements CrmContract {
 *   protected CrmStorage newStorage() { return MyStorage.create(...); }
 * }
 * }</pre>
 *
 * Each test gets a fresh clock and a storage from {@link #newStorage()}, which must be empty.
 */
public abstract class CrmContractFixture implements ContractSupport {
  private MutableClock clock;
  private FaultyStorage storage;
  private Crm crm;

  /** @return an empty storage for one test (a new one, or a shared one emptied) */
  protected abstract CrmStorage newStorage();

  /** Called after each test; override to release resources. */
  protected void releaseStorage(CrmStorage storage) {}

  @BeforeEach
  final void setUpContractFixture() {
    clock = MutableClock.at("2026-03-02T09:00:00Z");
    storage = FaultyStorage.wrapping(newStorage());
    crm = crm(b -> {});
  }

  @AfterEach
  final void tearDownContractFixture() {
    if (storage != null) {
      releaseStorage(storage.delegate());
    }
  }

  @Override
  public Crm crm() {
    return crm;
  }

  @Override
  public Crm crm(Consumer<Crm.Builder> config) {
    Crm.Builder builder = Crm.builder().storage(storage).clock(clock);
    config.accept(builder);
    return builder.build();
  }

  @Override
  public MutableClock clock() {
    return clock;
  }

  @Override
  public FaultyStorage storage() {
    return storage;
  }
}
