package org.crmkit.testkit;

/**
 * The whole contract suite: every behaviour a storage adapter must show. Implement it in a test class that
 * extends {@link CrmContractFixture}. It grows with every capability.
 */
public interface CrmContract
    extends LeadContract,
        AccountContactContract,
        OpportunityContract,
        StageHistoryContract,
        AtomicityContract,
        ConcurrencyContract,
        BillingForecastContract,
        SegmentContract,
        AccountCardContract,
        ConversionContract,
        ConversionMatchingContract,
        ConversionUndoContract,
        WorkflowContract,
        WritePathContract,
        WorkflowInputContract,
        RaceContract,
        RoundTripContract,
        LimitsContract,
        TenancyContract,
        AccessContract,
        ReportContract,
        ReadyReportContract,
        WebFormContract,
        BiContract {}
