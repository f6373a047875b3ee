package org.crmkit.testkit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.crmkit.account.AccountRepository;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountCardRepository;
import org.crmkit.contact.ContactRepository;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.ForecastHistoryRepository;
import org.crmkit.history.StageHistoryRepository;
import org.crmkit.lead.LeadRepository;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.shared.UnitOfWork;
import org.crmkit.report.ReportRepository;
import org.crmkit.storage.CrmStorage;

/**
 * Wraps a real storage and injects failures or pauses into chosen port calls, to prove that a use case failing
 * midway writes nothing and that concurrent writers conflict. Every port is wrapped by one generic dynamic proxy,
 * so every method of every port (reads, saves, appends, deletes, and methods added later) passes through the same
 * checks; everything is then delegated unchanged, so the rollback observed is the real adapter's. Thread-safe.
 *
 * <p>Calls are described by {@link Call} (port, method, arguments). The common writes also have a name,
 * {@link Operation}, for readable tests: {@code storage().failNext(Operation.SAVE_LEAD)}. Any other call is reached
 * through a predicate: {@code storage().failNextCall(Call.of(LeadRepository.class, "findById"))}.
 */
public final class FaultyStorage implements CrmStorage {

  /**
   * Named write operations: each is one method of one port, or a method and its variants (saving an opportunity is
   * {@code save}, or {@code insertNew} for a new one with a globally unique id; likewise an account, a contact and
   * a conversion record).
   */
  public enum Operation {
    SAVE_LEAD(LeadRepository.class, "save"),
    SAVE_ACCOUNT(AccountRepository.class, "save", "insertNew"),
    SAVE_CONTACT(ContactRepository.class, "save", "insertNew"),
    SAVE_OPPORTUNITY(OpportunityRepository.class, "save", "insertNew"),
    APPEND_HISTORY(StageHistoryRepository.class, "append"),
    DELETE_ACCOUNT(AccountRepository.class, "delete"),
    SAVE_FORECAST(BillingForecastRepository.class, "save"),
    APPEND_FORECAST_HISTORY(ForecastHistoryRepository.class, "append"),
    SAVE_BUDGET(AccountBudgetRepository.class, "save"),
    DELETE_CONTACT(ContactRepository.class, "delete"),
    DELETE_OPPORTUNITY(OpportunityRepository.class, "delete"),
    SAVE_CONVERSION_RECORD(ConversionRecordRepository.class, "save", "insertNew"),
    DELETE_LEAD(LeadRepository.class, "delete"),
    DELETE_FORECAST(BillingForecastRepository.class, "delete"),
    DELETE_BUDGET(AccountBudgetRepository.class, "delete");

    private final Class<?> port;
    private final String method;
    private final List<String> variants;

    Operation(Class<?> port, String method, String... variants) {
      this.port = port;
      this.method = method;
      this.variants = List.of(variants);
    }

    /** @return the port interface the operation belongs to */
    public Class<?> port() {
      return port;
    }

    /** @return the name of the port method (its variants, if any, are the same operation) */
    public String method() {
      return method;
    }

    /** @return the operation a call is, if it has a name */
    static Optional<Operation> of(Class<?> port, String method) {
      for (Operation op : values()) {
        if (op.port == port && (op.method.equals(method) || op.variants.contains(method))) {
          return Optional.of(op);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * One call of a port method, as seen before it reaches the real storage.
   *
   * @param port the port interface, e.g. {@code LeadRepository.class}
   * @param method the method's name
   * @param args the arguments (an unmodifiable list; elements may be null where the port allows it)
   * @param operation the call's name, or empty when it has none (reads, ports added later)
   */
  public record Call(Class<?> port, String method, List<Object> args, Optional<Operation> operation) {
    public Call {
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(args, "args");
      Objects.requireNonNull(operation, "operation");
    }

    /** @return a predicate matching every call of {@code method} on {@code port} */
    public static Predicate<Call> of(Class<?> port, String method) {
      Objects.requireNonNull(port, "port");
      Objects.requireNonNull(method, "method");
      return c -> c.port == port && c.method.equals(method);
    }

    /** @return true when the call changes stored data: a named operation, or a method named save, append or delete */
    public boolean isWrite() {
      return operation.isPresent() || method.startsWith("save") || method.startsWith("append")
          || method.startsWith("delete");
    }

    @Override
    public String toString() {
      return port.getSimpleName() + "." + method + operation.map(o -> " (" + o + ")").orElse("");
    }
  }

  /** The exception an injected fault throws. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(Call call) {
      super("injected fault at " + call);
    }
  }

  /** A hook run before every named write operation. */
  @FunctionalInterface
  public interface Hook {
    void before(Operation op);
  }

  /** A hook run before every port call, reads included. */
  @FunctionalInterface
  public interface CallHook {
    void before(Call call);
  }

  /**
   * A pending fault: fires on the call after {@code left} matching calls have passed; with {@code left} -1 on every
   * matching call.
   */
  private static final class Fault {
    final Predicate<Call> matches;
    int left;

    Fault(Predicate<Call> matches, int left) {
      this.matches = matches;
      this.left = left;
    }
  }

  private final CrmStorage delegate;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  private final List<CallHook> hooks = new CopyOnWriteArrayList<>();
  private final Map<Object, Object> proxies = Collections.synchronizedMap(new IdentityHashMap<>());

  private FaultyStorage(CrmStorage delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** @return a storage that behaves as {@code delegate} until told otherwise */
  public static FaultyStorage wrapping(CrmStorage delegate) {
    return new FaultyStorage(delegate);
  }

  /** The next call of {@code op} throws {@link InjectedFault}. */
  public FaultyStorage failNext(Operation op) {
    return failAfter(op, 0);
  }

  /** Lets {@code succeeding} calls of {@code op} pass, then the next throws {@link InjectedFault} (once). */
  public FaultyStorage failAfter(Operation op, int succeeding) {
    Objects.requireNonNull(op, "op");
    return failAfterCalls(c -> c.operation().orElse(null) == op, succeeding);
  }

  /** The next port call that {@code call} matches throws {@link InjectedFault}. */
  public FaultyStorage failNextCall(Predicate<Call> call) {
    return failAfterCalls(call, 0);
  }

  /** Lets {@code succeeding} matching calls pass, then the next throws {@link InjectedFault} (once). */
  public FaultyStorage failAfterCalls(Predicate<Call> call, int succeeding) {
    Objects.requireNonNull(call, "call");
    if (succeeding < 0) {
      throw new IllegalArgumentException("succeeding must be 0 or more, was " + succeeding);
    }
    faults.add(new Fault(call, succeeding));
    return this;
  }

  /**
   * Every port call that {@code call} matches throws {@link InjectedFault}, until {@link #reset()}: a fault that a
   * retry meets again (a record the storage always refuses), where the other methods inject a fault once.
   */
  public FaultyStorage failEveryCall(Predicate<Call> call) {
    Objects.requireNonNull(call, "call");
    faults.add(new Fault(call, -1));
    return this;
  }

  /** Runs a hook before every named write operation (for example a barrier that makes two writers interleave). */
  public FaultyStorage beforeEach(Hook hook) {
    Objects.requireNonNull(hook, "hook");
    hooks.add(c -> c.operation().ifPresent(hook::before));
    return this;
  }

  /** Runs a hook before every port call, reads included. */
  public FaultyStorage beforeEachCall(CallHook hook) {
    hooks.add(Objects.requireNonNull(hook, "hook"));
    return this;
  }

  /** Removes injected faults and hooks. */
  public FaultyStorage reset() {
    faults.clear();
    hooks.clear();
    return this;
  }

  /** @return the wrapped storage */
  public CrmStorage delegate() {
    return delegate;
  }

  private void check(Call call) {
    for (CallHook h : hooks) {
      h.before(call);
    }
    boolean fire = false;
    synchronized (faults) {
      for (Fault f : faults) {
        if (f.matches.test(call)) {
          if (f.left < 0) {
            fire = true;
          } else if (f.left == 0) {
            faults.remove(f);
            fire = true;
          } else {
            f.left--;
          }
          break;
        }
      }
    }
    if (fire) {
      throw new InjectedFault(call);
    }
  }

  /** @return {@code port} wrapped so that each call passes {@link #check} first; one proxy per port instance */
  private <P> P wrap(Class<P> type, P port) {
    Objects.requireNonNull(port, () -> "the storage returned no " + type.getSimpleName());
    return type.cast(proxies.computeIfAbsent(port, p -> Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, new Checked(type, p))));
  }

  /** The invocation handler of every port proxy. */
  private final class Checked implements InvocationHandler {
    private final Class<?> type;
    private final Object target;

    Checked(Class<?> type, Object target) {
      this.type = type;
      this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "FaultyStorage(" + target + ")";
        };
      }
      List<Object> arguments = args == null ? List.of() : Collections.unmodifiableList(Arrays.asList(args));
      check(new Call(type, method.getName(), arguments, Operation.of(type, method.getName())));
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  @Override
  public UnitOfWork unitOfWork() {
    return delegate.unitOfWork();
  }

  @Override
  public LeadRepository leads() {
    return wrap(LeadRepository.class, delegate.leads());
  }

  @Override
  public AccountRepository accounts() {
    return wrap(AccountRepository.class, delegate.accounts());
  }

  @Override
  public ContactRepository contacts() {
    return wrap(ContactRepository.class, delegate.contacts());
  }

  @Override
  public OpportunityRepository opportunities() {
    return wrap(OpportunityRepository.class, delegate.opportunities());
  }

  @Override
  public StageHistoryRepository stageHistory() {
    return wrap(StageHistoryRepository.class, delegate.stageHistory());
  }

  @Override
  public BillingForecastRepository billingForecasts() {
    return wrap(BillingForecastRepository.class, delegate.billingForecasts());
  }

  @Override
  public ForecastHistoryRepository forecastHistory() {
    return wrap(ForecastHistoryRepository.class, delegate.forecastHistory());
  }

  @Override
  public AccountBudgetRepository accountBudgets() {
    return wrap(AccountBudgetRepository.class, delegate.accountBudgets());
  }

  @Override
  public AccountCardRepository accountCards() {
    return wrap(AccountCardRepository.class, delegate.accountCards());
  }

  @Override
  public ReportRepository reports() {
    return wrap(ReportRepository.class, delegate.reports());
  }

  @Override
  public org.crmkit.bi.PipelineSnapshotRepository pipelineSnapshots() {
    return wrap(org.crmkit.bi.PipelineSnapshotRepository.class, delegate.pipelineSnapshots());
  }

  @Override
  public ConversionRecordRepository conversionRecords() {
    return wrap(ConversionRecordRepository.class, delegate.conversionRecords());
  }
}
