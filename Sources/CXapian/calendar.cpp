// The calendar (calendar.h), for Swift.
#include "calendar.h"

#include "cxapian.h"

extern "C" int tx_days_in_month(int year, int month) { return cxapian::days_in_month(year, month); }
