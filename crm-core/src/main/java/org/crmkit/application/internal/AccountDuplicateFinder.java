package org.crmkit.application.internal;

import static org.crmkit.application.internal.RecordFields.text;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Visibility;

/**
 * Accounts for conversion: candidates are the accounts whose {@link AccountMatchKey} has the same or a similar
 * name, or the same domain, found through the repository's indexed {@code findMatching}. Only the same normalised
 * name without a conflicting domain is exact; a similar name or a shared domain is only offered.
 */
final class AccountDuplicateFinder extends DuplicateFinder<Account, AccountId> {

  AccountDuplicateFinder(Context ctx) {
    super(ctx, ConversionTarget.ACCOUNT, ctx.writers().accounts(), AccountId::of, "name",
        r -> RecordFields.account(r.snapshot()), (draft, r) -> draft.account = r);
  }

  @Override
  List<Match<Account>> candidates(ConversionPlan p, Map<String, CustomValue> values) {
    String website = text(values, "website") != null ? text(values, "website") : p.lead.details().website();
    AccountMatchKey key = AccountMatchKey.of(text(values, "name"), p.lead.details().email(), website);
    p.accountKey = key;
    if (key.isEmpty()) {
      return List.of();
    }
    // only accounts the converting actor may see: the visibility is applied in the storage's query
    Visibility visible = ctx.visibility(p.actor, RecordType.ACCOUNT);
    return ctx.storage().accounts().findMatching(key, visible, MAX_CANDIDATES).stream()
        .map(a -> match(key, a))
        .filter(m -> m != null)
        .sorted(RANKING)
        .toList();
  }

  private static Match<Account> match(AccountMatchKey key, Account a) {
    AccountMatchKey other = AccountMatchKey.of(a.details());
    Set<AccountMatchKey.Reason> reasons = key.reasonsToMatch(other);
    if (reasons.isEmpty()) {
      return null;
    }
    DuplicateCandidate candidate = new DuplicateCandidate(ConversionTarget.ACCOUNT, a.id(), a.name(),
        reasons.stream().map(Enum::name).toList(), key.nameSimilarity(other));
    return new Match<>(a, candidate, reasons.contains(AccountMatchKey.Reason.NAME) && !key.domainConflicts(other));
  }

  @Override
  AccountDetails check(Map<String, CustomValue> values) {
    AccountDetails details = RecordFields.toAccountDetails(values);
    ctx.customFields().validate(RecordType.ACCOUNT, RecordFields.toCustomFields(values));
    return details;
  }
}
