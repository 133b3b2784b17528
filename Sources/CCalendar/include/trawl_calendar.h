// The calendar's one rule in Trawl: how many days a month has (proleptic Gregorian). A small C
// target of its own, so that the shim (`date:` in queries), the engine's Swift (CivilTime,
// WireDate) and the client (`--until 2025-02`), which links no Xapian, all use this one.
#ifndef TRAWL_CALENDAR_H
#define TRAWL_CALENDAR_H

#ifdef __cplusplus
extern "C" {
#endif

// 28 to 31; 0 when month is not 1 to 12.
int trawl_days_in_month(int year, int month);

#ifdef __cplusplus
}
#endif

#endif
