package main

import (
	_ "embed"
	"fmt"
	"io"
	"time"

	"github.com/revopskit/revops"
)

// demoCSV is the demo company's subscription export, written by writeDemo (the test
// TestDemoDataIsGenerated keeps the two the same; go test ./cmd/revops -run
// TestDemoDataIsGenerated -update rewrites it).
//
//go:embed demo.csv
var demoCSV string

// demoColumns maps the demo export's columns: a list price per billing interval, so
// annual plans are normalized to MRR as they are read.
func demoColumns() revops.SpanColumns {
	return revops.SpanColumns{Amount: "price", Interval: "interval"}
}

// rng is splitmix64: a small generator whose sequence depends on nothing but its seed,
// so the demo data is the same on every Go release and machine.
type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// below returns a number in [0, n) (n small, so the modulo bias is negligible).
func (r *rng) below(n int) int { return int(r.next() % uint64(n)) }

// chance reports true with probability perMille ÷ 1000.
func (r *rng) chance(perMille int) bool { return r.below(1000) < perMille }

// demoPlan is a price tier: a monthly price, and an annual price of twelve discounted
// months, as pricing pages state "39 a month, billed annually".
type demoPlan struct {
	name             string
	monthly, annual  int // list prices in dollars
	churn            int // per-mille chance a month that a monthly customer leaves
	renewalChurn     int // per-mille chance an annual customer does not renew
	upgrade, downgrd int // per-mille chance a month (monthly) of moving a tier up or down
}

var demoPlans = [...]demoPlan{
	{"starter", 49, 12 * 39, 45, 150, 25, 0},
	{"growth", 199, 12 * 159, 25, 100, 15, 12},
	{"scale", 799, 12 * 639, 15, 70, 0, 10},
}

// The demo company sells from January 2024; its export is taken on January 1, 2026.
var (
	demoFirst   = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)
	demoHorizon = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// writeDemo writes the demo company's export: about 2,000 customers arriving over 24
// months (40 in the first month, 4 more each month after), on three tiers billed
// monthly or annually, who upgrade, downgrade, churn, and sometimes come back. Each
// row is one stretch of one subscription at one price; a row with no end date is
// still running at the horizon.
func writeDemo(w io.Writer) error {
	r := &rng{state: 20240101}
	if _, err := fmt.Fprintln(w, "subscription_id,customer_id,plan,interval,start_date,end_date,price,currency"); err != nil {
		return err
	}
	subs, customers := 0, 0
	for m := 0; m < 24; m++ {
		for range 40 + 4*m {
			customers++
			id := fmt.Sprintf("cus_%05d", customers)
			start := demoFirst.AddDate(0, m, r.below(28))
			tier := [...]int{0, 0, 0, 0, 0, 0, 1, 1, 1, 2}[r.below(10)]
			annual := r.chance(250)
			returned := false
			for {
				subs++
				end, last, err := demoSubscription(w, r, id, fmt.Sprintf("sub_%06d", subs), start, tier, annual)
				if err != nil {
					return err
				}
				if end.IsZero() || returned || !r.chance(200) {
					break
				}
				// A former customer comes back 2 to 9 months later, billed monthly.
				returned, annual, tier = true, false, last
				if start = end.AddDate(0, 2+r.below(8), r.below(20)); !start.Before(demoHorizon) {
					break
				}
			}
		}
	}
	return nil
}

// demoSubscription writes the rows of one subscription from start: a row per price,
// ending when it churns or staying open at the horizon. It returns the churn instant
// (zero while open) and the last tier.
func demoSubscription(w io.Writer, r *rng, customer, sub string, start time.Time, tier int, annual bool) (time.Time, int, error) {
	from := start
	for cycle := 1; ; cycle++ {
		months := 1
		if annual {
			months = 12
		}
		at := start.AddDate(0, cycle*months, 0) // the next renewal
		if !at.Before(demoHorizon) {
			return time.Time{}, tier, demoRow(w, customer, sub, tier, annual, from, time.Time{})
		}
		p := demoPlans[tier]
		churn, up, down := p.churn, p.upgrade, p.downgrd
		if annual {
			churn, up, down = p.renewalChurn, 12*p.upgrade, 12*p.downgrd
		}
		switch roll := r.below(1000); {
		case roll < churn:
			return at, tier, demoRow(w, customer, sub, tier, annual, from, at)
		case roll < churn+up && tier < len(demoPlans)-1:
			if err := demoRow(w, customer, sub, tier, annual, from, at); err != nil {
				return time.Time{}, tier, err
			}
			tier, from = tier+1, at
		case roll < churn+up+down && tier > 0:
			if err := demoRow(w, customer, sub, tier, annual, from, at); err != nil {
				return time.Time{}, tier, err
			}
			tier, from = tier-1, at
		}
	}
}

// demoRow writes one row; a zero end is written empty.
func demoRow(w io.Writer, customer, sub string, tier int, annual bool, start, end time.Time) error {
	interval, price := "month", demoPlans[tier].monthly
	if annual {
		interval, price = "year", demoPlans[tier].annual
	}
	to := ""
	if !end.IsZero() {
		to = end.Format(time.DateOnly)
	}
	_, err := fmt.Fprintf(w, "%s,%s,%s,%s,%s,%s,%d,USD\n", sub, customer, demoPlans[tier].name, interval, start.Format(time.DateOnly), to, price)
	return err
}
