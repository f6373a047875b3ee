package org.crmkit.observe.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.observe.CrmObserver;
import org.crmkit.observe.CrmObserver.ConversionResult;
import org.crmkit.observe.UseCaseCall;
import org.crmkit.observe.UseCaseCall.Outcome;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.StorageException;
import org.crmkit.workflow.WorkflowDepthExceededException;

/**
 * The one place where use cases are observed and logged: a proxy around each service interface that times every
 * method taking an {@link Actor} (a use case), classifies how it ended, tells the {@link CrmObserver} and logs
 * through {@link System.Logger} — a failed use case and a single conversion's outcome at DEBUG, a bulk
 * conversion's summary at INFO. Nothing logged or observed holds data from records: names, durations, counts and
 * exception types only.
 */
public final class Observation {
  /** The logger of use cases. */
  public static final String LOGGER = "org.crmkit";
  /** The logger of conversion summaries. */
  public static final String CONVERSION_LOGGER = "org.crmkit.conversion";

  private static final System.Logger LOG = System.getLogger(LOGGER);
  private static final System.Logger CONVERSION_LOG = System.getLogger(CONVERSION_LOGGER);

  private Observation() {}

  /**
   * @param type the service interface
   * @param name the service's name in use-case names, e.g. {@code leads}
   * @param target the service
   * @param observer told about every use case
   * @return {@code target} observed
   */
  public static <T> T observe(Class<T> type, String name, T target, CrmObserver observer) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(observer, "observer");
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        new Handler(type, name, target, observer));
    return type.cast(proxy);
  }

  private static final class Handler implements InvocationHandler {
    private final String service;
    private final Object target;
    private final CrmObserver observer;
    /** The default observer, which ignores everything: nothing is built to tell it. */
    private final boolean nobodyListens;
    /** The use cases' names ({@code service.method}) by method: the methods that take an {@link Actor} first. */
    private final Map<Method, String> useCases = new HashMap<>();

    Handler(Class<?> type, String service, Object target, CrmObserver observer) {
      this.service = service;
      this.target = target;
      this.observer = observer;
      this.nobodyListens = observer == CrmObserver.none();
      for (Method method : type.getMethods()) {
        if (method.getParameterCount() > 0 && method.getParameterTypes()[0] == Actor.class) {
          useCases.put(method, service + "." + method.getName());
        }
      }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        return switch (method.getName()) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> service + " (observed)";
        };
      }
      String name = useCases.get(method);
      if (name == null) {
        return call(method, args);
      }
      long start = System.nanoTime();
      Object result;
      try {
        result = call(method, args);
      } catch (RuntimeException | Error e) {
        Duration duration = Duration.ofNanos(System.nanoTime() - start);
        Outcome outcome = classify(e);
        if (LOG.isLoggable(Level.DEBUG)) {
          LOG.log(Level.DEBUG, "crmkit use case " + name + " ended " + outcome + " after " + duration.toMillis()
              + " ms: " + e.getClass().getSimpleName());
        }
        tell(new UseCaseCall(name, duration, outcome, Optional.of(e.getClass().getSimpleName())));
        if (name.equals("conversions.convert")) {
          tellConversion(ConversionResult.FAILED);
        }
        throw e;
      }
      long nanos = System.nanoTime() - start;
      if (nobodyListens && !(result instanceof ConversionOutcome) && !(result instanceof BulkConversionResult)) {
        return result; // nothing to tell, nothing to log
      }
      Duration duration = Duration.ofNanos(nanos);
      boolean rejected = result instanceof ConversionOutcome.Rejected || result instanceof UndoOutcome.Refused;
      tell(new UseCaseCall(name, duration, rejected ? Outcome.REJECTED : Outcome.SUCCEEDED, Optional.empty()));
      if (result instanceof ConversionOutcome outcome) {
        ConversionResult kind = outcome.isConverted() ? ConversionResult.CONVERTED : ConversionResult.REJECTED;
        tellConversion(kind);
        // DEBUG, not INFO: a host converting leads one by one through its own API would log a line per request
        if (CONVERSION_LOG.isLoggable(Level.DEBUG)) {
          CONVERSION_LOG.log(Level.DEBUG, "crmkit lead conversion " + kind + " in " + duration.toMillis() + " ms");
        }
      } else if (result instanceof BulkConversionResult bulk) {
        summarize(bulk, duration);
      }
      return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void summarize(BulkConversionResult bulk, Duration duration) {
      long converted = 0;
      long rejected = 0;
      long failed = 0;
      for (BulkConversionResult.Item item : bulk.items()) {
        ConversionResult kind = item.error().isPresent() ? ConversionResult.FAILED
            : item.converted() ? ConversionResult.CONVERTED : ConversionResult.REJECTED;
        switch (kind) {
          case CONVERTED -> converted++;
          case REJECTED -> rejected++;
          case FAILED -> failed++;
        }
        tellConversion(kind);
      }
      if (CONVERSION_LOG.isLoggable(Level.INFO)) {
        long unpublished = bulk.publicationFailureCount();
        CONVERSION_LOG.log(Level.INFO, "crmkit bulk conversion of " + bulk.items().size() + " leads in "
            + duration.toMillis() + " ms: " + converted + " converted, " + rejected + " rejected, " + failed
            + " failed" + (unpublished > 0 ? ", " + unpublished + " with events the publisher refused" : ""));
      }
    }

    private void tell(UseCaseCall call) {
      try {
        observer.useCaseFinished(call);
      } catch (RuntimeException e) {
        ignored(e);
      }
    }

    private void tellConversion(ConversionResult result) {
      try {
        observer.leadConversionFinished(result);
      } catch (RuntimeException e) {
        ignored(e);
      }
    }

    private static void ignored(RuntimeException e) {
      if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(Level.DEBUG, "a CrmObserver threw; ignored: " + e);
      }
    }
  }

  /** @return how a use case that threw {@code e} ended */
  static Outcome classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowDepthExceededException) {
        return Outcome.WORKFLOW_DEPTH_EXCEEDED;
      }
      if (t == t.getCause()) {
        break;
      }
    }
    if (e instanceof ConflictException) {
      return Outcome.CONFLICT;
    }
    if (e instanceof StorageException || !(e instanceof CrmException)) {
      return Outcome.FAILED;
    }
    return Outcome.REFUSED;
  }
}
