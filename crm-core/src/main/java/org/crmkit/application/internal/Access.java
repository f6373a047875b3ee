package org.crmkit.application.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crmkit.access.AccessPolicy;
import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import org.crmkit.budget.CardAccount;
import org.crmkit.contact.Contact;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/**
 * The one place where the use cases ask the host's {@link AccessPolicy}: what an actor may see (a record they may
 * not see is "not found", exactly like a missing id) and whether they may do an operation to a record they see (else
 * {@link AccessDeniedException}, whose message names only the operation and the id the actor gave). The record
 * writers ask it for every write; the use cases that only read (get, find, prefill, history, forecasts, budgets,
 * the account card, conversion records) load through it. What the policy throws passes unchanged; a policy that
 * answers no visibility is a {@link ConfigurationException}. Stateless and thread-safe; call it inside the unit of
 * work of the actor's tenant.
 */
final class Access {
  private final Context ctx;

  Access(Context ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
  }

  private AccessPolicy policy() {
    return ctx.policy();
  }

  /**
   * @return which records of {@code type} the actor may see, as the queries apply it
   * @throws ConfigurationException when the policy answers null
   */
  Visibility visibility(Actor actor, RecordType type) {
    Visibility visible = policy().visibility(actor, type);
    if (visible == null) {
      throw new ConfigurationException("the access policy " + policy() + " answered no visibility for " + actor
          + " on " + type.label() + " records; an AccessPolicy must return Visibility.all(), Visibility.ownedBy(...)"
          + " or Visibility.nothing(), never null");
    }
    return visible;
  }

  /** @return what the actor may see of {@code found}: itself when its owner is visible, else empty */
  <T> Optional<T> visible(Actor actor, RecordType type, Optional<T> found, Function<T, UserId> owner) {
    if (found.isEmpty()) {
      return found;
    }
    Visibility visible = visibility(actor, type);
    return found.filter(r -> visible.admits(owner.apply(r)));
  }

  /**
   * Asks whether the actor may do {@code operation} to a record of {@code type} owned by {@code owner}.
   *
   * @param what the record in the actor's words, e.g. "Lead 1f0c..." or "a Lead owned by bob"
   * @throws AccessDeniedException when the policy refuses
   */
  void require(Actor actor, Operation operation, RecordType type, UserId owner, String what) {
    if (!policy().permits(actor, operation, type, owner)) {
      throw new AccessDeniedException(actor, words(operation) + " " + what);
    }
  }

  /**
   * Like {@link #require}, with the words made only for a refusal (use cases that ask several times per call, such
   * as a conversion, would otherwise build them every time for nothing).
   */
  void require(Actor actor, Operation operation, RecordType type, UserId owner, Supplier<String> what) {
    if (!policy().permits(actor, operation, type, owner)) {
      throw new AccessDeniedException(actor, words(operation) + " " + what.get());
    }
  }

  /** Like {@link #require}, for a record the actor named by its id. */
  void require(Actor actor, Operation operation, RecordType type, UserId owner, Object id) {
    if (!policy().permits(actor, operation, type, owner)) {
      throw new AccessDeniedException(actor, words(operation) + " " + type.label() + " " + id);
    }
  }

  /** @return a tracker of what the actor sees per record type, asking the policy at most once per type */
  Sight sight(Actor actor) {
    return new Sight(this, actor);
  }

  /** @return "a Lead", "an Account", ...: a record of the type, in a refusal message */
  static String aRecord(RecordType type, UserId owner) {
    String label = type.label();
    return ("AEIOU".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label + " owned by " + owner.value();
  }

  /** @return the operation as a verb phrase for a refusal message */
  static String words(Operation operation) {
    return switch (operation) {
      case CREATE -> "create";
      case CHANGE -> "change";
      case ASSIGN -> "give to another owner";
      case DELETE -> "delete";
      case CHANGE_STAGE -> "change the stage of";
      case CONVERT -> "convert";
      case EDIT_FORECAST -> "edit the billing forecast of";
      case EDIT_BUDGET -> "edit the budget of";
    };
  }

  // ------------------------------------------------------------------ loading what the actor may see

  /** @throws RecordNotFoundException when there is no such lead or the actor may not see it */
  Lead lead(Actor actor, LeadId id) {
    return findLead(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.LEAD, id));
  }

  Optional<Lead> findLead(Actor actor, LeadId id) {
    return visible(actor, RecordType.LEAD, ctx.storage().leads().findById(id), Lead::owner);
  }

  /** @throws RecordNotFoundException when there is no such account or the actor may not see it */
  Account account(Actor actor, AccountId id) {
    return findAccount(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.ACCOUNT, id));
  }

  Optional<Account> findAccount(Actor actor, AccountId id) {
    return visible(actor, RecordType.ACCOUNT, ctx.storage().accounts().findById(id), Account::owner);
  }

  /**
   * The account as {@code sight} sees it: read once per sight (one write), so that a use case that reads the account
   * of the record it creates and the writer's link check of that record read and restore it once.
   *
   * @return the account when it exists and the sight admits it, else empty
   */
  Optional<Account> findAccount(Sight sight, AccountId id) {
    Account known = sight.account;
    if (known != null && known.id().equals(id)) {
      return Optional.of(known);
    }
    Optional<Account> found =
        ctx.storage().accounts().findById(id).filter(a -> sight.admits(RecordType.ACCOUNT, a.owner()));
    found.ifPresent(a -> sight.account = a);
    return found;
  }

  /**
   * The account as the account card reads it (owner and budget months, no aggregate), under the same rule as
   * {@link #account}.
   *
   * @throws RecordNotFoundException when there is no such account or the actor may not see it
   */
  CardAccount cardAccount(Actor actor, AccountId id) {
    return visible(actor, RecordType.ACCOUNT, ctx.storage().accountCards().findAccount(id), CardAccount::owner)
        .orElseThrow(() -> new RecordNotFoundException(RecordType.ACCOUNT, id));
  }

  /** @throws RecordNotFoundException when there is no such contact or the actor may not see it */
  Contact contact(Actor actor, ContactId id) {
    return findContact(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.CONTACT, id));
  }

  Optional<Contact> findContact(Actor actor, ContactId id) {
    return visible(actor, RecordType.CONTACT, ctx.storage().contacts().findById(id), Contact::owner);
  }

  /** @throws RecordNotFoundException when there is no such opportunity or the actor may not see it */
  Opportunity opportunity(Actor actor, OpportunityId id) {
    return findOpportunity(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.OPPORTUNITY, id));
  }

  Optional<Opportunity> findOpportunity(Actor actor, OpportunityId id) {
    return visible(actor, RecordType.OPPORTUNITY, ctx.storage().opportunities().findById(id), Opportunity::owner);
  }

  /**
   * Whether the actor may read what an opportunity leaves behind (stage and forecast history outlive it): when it
   * exists, if they see it; when it does not (never existed, or deleted), only if they see every opportunity, since
   * nothing tells whose it was.
   */
  boolean seesOpportunityChildren(Actor actor, OpportunityId id) {
    Optional<Opportunity> found = ctx.storage().opportunities().findById(id);
    Visibility visible = visibility(actor, RecordType.OPPORTUNITY);
    return found.isPresent() ? visible.admits(found.get().owner()) : visible instanceof Visibility.All;
  }

  /** Likewise for a lead's conversion records, which outlive a lead deleted after its undo. */
  boolean seesLeadChildren(Actor actor, LeadId id) {
    Optional<Lead> found = ctx.storage().leads().findById(id);
    Visibility visible = visibility(actor, RecordType.LEAD);
    return found.isPresent() ? visible.admits(found.get().owner()) : visible instanceof Visibility.All;
  }

  /**
   * What one actor sees, per record type, asked of the policy at most once per type: what the writers use to check
   * the links of a record they save. {@link #everything()} is the sight of a write that is part of a use case that
   * asked the policy itself (conversion, undo). A sight lives for one write: the account it found
   * ({@link Access#findAccount(Sight, AccountId)}) is not read again during that write.
   */
  static final class Sight {
    private final Access access;
    private final Actor actor;
    /** The type asked first and its answer (a write's links are mostly of one type): no map until a second type. */
    private RecordType firstType;
    private Visibility firstAnswer;
    /** The answers for other types, made on first use. */
    private Map<RecordType, Visibility> asked;
    /** The account this sight found last, or null. */
    private Account account;

    private Sight(Access access, Actor actor) {
      this.access = access;
      this.actor = actor;
    }

    /** @return a sight that admits every record */
    static Sight everything() {
      return new Sight(null, null);
    }

    /** @return true when a record of {@code type} owned by {@code owner} is visible */
    boolean admits(RecordType type, UserId owner) {
      if (access == null) {
        return true;
      }
      return visibility(type).admits(owner);
    }

    private Visibility visibility(RecordType type) {
      if (type == firstType) {
        return firstAnswer;
      }
      if (firstType == null) {
        firstAnswer = access.visibility(actor, type);
        firstType = type;
        return firstAnswer;
      }
      if (asked == null) {
        asked = new EnumMap<>(RecordType.class);
      }
      Visibility visibility = asked.get(type);
      if (visibility == null) {
        visibility = access.visibility(actor, type);
        asked.put(type, visibility);
      }
      return visibility;
    }
  }
}
