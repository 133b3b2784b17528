// The calendar's one rule in Trawl: how many days a month has (proleptic Gregorian). The
// query language's `date:` checks it here; Swift's dates (CivilTime, WireDate) ask through
// tx_days_in_month.
#ifndef CXAPIAN_CALENDAR_H
#define CXAPIAN_CALENDAR_H

namespace cxapian {

// 28 to 31; 0 when month is not 1 to 12.
inline int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

}  // namespace cxapian

#endif
