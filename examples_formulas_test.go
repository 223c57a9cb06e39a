package revops_test

import (
	"fmt"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

func ExampleChurnOverPeriods() {
	// A monthly churn of 2 % loses 21.5 % of a year's customers, not 24 %.
	annual, err := revops.ChurnOverPeriods(decimal.RequireFromString("0.02"), 12)
	fmt.Println(annual, err)
	// Output: 0.2152832762652 <nil>
}

func ExampleChurnPerPeriod() {
	// An annual churn of 20 % is a monthly churn of 1.84 %, not 1.67 %.
	monthly, err := revops.ChurnPerPeriod(decimal.RequireFromString("0.2"), 12)
	fmt.Println(monthly.Shift(2).StringFixed(2)+" %", err)
	// Output: 1.84 % <nil>
}

func ExampleExpansionRate() {
	m := revops.RevenueMovements{Start: decimal.NewFromInt(100_000), Expansion: decimal.NewFromInt(12_000), Contraction: decimal.NewFromInt(3_000)}
	exp, err := revops.ExpansionRate(m)
	fmt.Println(exp, err)
	// Output: 0.12 <nil>
}

func ExampleContractionRate() {
	m := revops.RevenueMovements{Start: decimal.NewFromInt(100_000), Expansion: decimal.NewFromInt(12_000), Contraction: decimal.NewFromInt(3_000)}
	con, err := revops.ContractionRate(m)
	fmt.Println(con, err)
	// Output: 0.03 <nil>
}

func ExampleTrialConversionRate() {
	rate, err := revops.TrialConversionRate(revops.TrialConversion{Trials: 240, Converted: 54})
	fmt.Println(rate, err)
	// Output: 0.225 <nil>
}

func ExampleASP() {
	// ChartMogul's example: ten new customers in May, three on Gold at $100 and seven
	// on Silver at $50.
	asp, err := revops.ASP(decimal.NewFromInt(3*100+7*50), 10)
	fmt.Println(asp, err)
	// Output: 65 <nil>
}

func ExampleCMRR() {
	cmrr, err := revops.CMRR(revops.CMRRInput{
		LiveMRR:        decimal.NewFromInt(25_000),
		Signed:         decimal.NewFromInt(500),   // a contract signed, live next month
		ScheduledChurn: decimal.NewFromInt(3_000), // a customer has given notice
	})
	fmt.Println(cmrr, err)
	// Output: 22500 <nil>
}

func ExampleCustomerConcentration() {
	mrr := map[string]decimal.Decimal{
		"acme": decimal.NewFromInt(5_000), "globex": decimal.NewFromInt(3_000),
		"initech": decimal.NewFromInt(1_000), "umbrella": decimal.NewFromInt(1_000),
	}
	top1, err := revops.CustomerConcentration(mrr, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	top2, err := revops.CustomerConcentration(mrr, 2)
	fmt.Println(top1, top2, err)
	// Output: 0.5 0.8 <nil>
}
