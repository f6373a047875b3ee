/**
 * Observing crmkit at run time: {@link org.crmkit.observe.CrmObserver}, the hook for metrics and tracing that a
 * host sets on {@code Crm.builder().observer(...)}, and what it is told. Observations carry names, durations and
 * kinds of outcome, never data from records. crmkit also logs through {@link java.lang.System.Logger} (logger
 * {@code org.crmkit}): each failed use case and each single conversion's outcome at DEBUG, each bulk conversion's summary at INFO.
 */
package org.crmkit.observe;
