// The calendar's one rule in Trawl: how many days a month has and how days are counted
// (proleptic Gregorian). A small C target of its own, so that the shim (`date:` in queries), the
// engine's Swift (CivilTime, WireDate), the protocol (relative days, histogram intervals) and the
// client (`--until 2025-02`), which links no Xapian, all use this one.
#ifndef TRAWL_CALENDAR_H
#define TRAWL_CALENDAR_H

#ifdef __cplusplus
extern "C" {
#endif

// 28 to 31; 0 when month is not 1 to 12.
int trawl_days_in_month(int year, int month);

// Days from 1970-01-01 to year-month-day (negative before it); Howard Hinnant's `days_from_civil`.
long long trawl_days_from_civil(long long year, int month, int day);

// The inverse of `trawl_days_from_civil` (Hinnant's `civil_from_days`).
void trawl_civil_from_days(long long days, long long *year, int *month, int *day);

#ifdef __cplusplus
}
#endif

#endif
