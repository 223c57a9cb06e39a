package revops_test

import (
	"fmt"
	"time"

	"github.com/revopskit/revops"
)

// ExampleSalesCycleLengthIn reads a CRM's close dates in the reporting zone: the deal
// created at 16:00 UTC on March 20 (09:00 in Phoenix) and closed at 01:09:44 UTC on
// April 1 (18:09 on March 31 in Phoenix) took 11 days there.
func ExampleSalesCycleLengthIn() {
	phoenix, err := time.LoadLocation("America/Phoenix")
	if err != nil {
		fmt.Println(err)
		return
	}
	opps := []revops.Opportunity{{
		Status:  revops.DealLost,
		Created: time.Date(2023, 3, 20, 16, 0, 0, 0, time.UTC),
		Closed:  time.Date(2023, 4, 1, 1, 9, 44, 0, time.UTC),
	}}
	there, err := revops.SalesCycleLengthIn(opps, phoenix, revops.CloseTimesDates)
	if err != nil {
		fmt.Println(err)
		return
	}
	inUTC, err := revops.SalesCycleLengthIn(opps, time.UTC, revops.CloseTimesDates)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Phoenix", there.Mean.StringFixed(0), "days; UTC", inUTC.Mean.StringFixed(0), "days")
	// Output: Phoenix 11 days; UTC 12 days
}
