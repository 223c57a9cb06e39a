package main

import (
	"fmt"
	"slices"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
)

// moversShown is how many of a period's largest movements people see.
const moversShown = 5

// movementTables returns the movement log, a row per customer and movement of each
// period, as the library's History.Changes gives it (ChartMogul's, Stripe's and
// Baremetrics' list of the customers behind each figure), and for people the
// largest movers of each period, the latest period first.
func movementTables(cfg config, f *figures, st style) []*table {
	log := &table{name: "movements", family: "movements", data: true,
		cols: []column{{key: "period"}, {key: "customer"}, {key: "movement"}, {key: "at"}, {key: "before_mrr"}, {key: "after_mrr"}, {key: "change_mrr"}}}
	movers := &table{name: "movers", family: "movements", people: true, textOnRequest: true, keys: 1,
		title: fmt.Sprintf("Largest movers of each %s", cfg.period),
		note: fmt.Sprintf("The %d customers whose MRR moved most in each %s, the latest first: every movement of every customer is in -format csv -table movements and in json.",
			moversShown, cfg.period),
		cols: []column{{label: cfg.period, group: "key"}, {label: "customer", group: "a"}, {label: "movement", group: "a"},
			{label: "MRR before", group: "b", num: true}, {label: "after", group: "b", num: true}, {label: "change", group: "b", num: true}}}
	labels := map[time.Time]string{}
	for i, m := range f.series {
		labels[m.Period.Start()] = f.labels[i]
	}
	if cfg.dataOut() {
		for _, c := range f.changes {
			if !cfg.needs("movements", "series") {
				break
			}
			log.rows = append(log.rows, []cell{text(labels[c.Period.Start()]), text(c.Customer), text(c.Movement.String()), text(c.At.In(cfg.loc).Format(time.RFC3339Nano)),
				st.recurring(c.Before), st.recurring(c.After), st.money(signedAmount(c))})
		}
		return []*table{log, movers}
	}
	// The largest movers of each period: its moversShown largest amounts, ties by
	// customer, kept in one pass over its changes.
	type mover struct {
		c      revops.CustomerChange
		amount decimal.Decimal
	}
	before := func(a, b mover) bool {
		if c := a.amount.Cmp(b.amount); c != 0 {
			return c > 0
		}
		return a.c.Customer < b.c.Customer
	}
	var periods [][]mover
	for i, c := range f.changes {
		if i == 0 || !c.Period.Start().Equal(f.changes[i-1].Period.Start()) {
			periods = append(periods, nil)
		}
		top := periods[len(periods)-1]
		m := mover{c, c.Amount().Monthly()}
		if len(top) == moversShown && !before(m, top[moversShown-1]) {
			continue
		}
		k := len(top)
		for k > 0 && before(m, top[k-1]) {
			k--
		}
		top = slices.Insert(top, k, m)
		periods[len(periods)-1] = top[:min(len(top), moversShown)]
	}
	for k := len(periods) - 1; k >= 0; k-- {
		for _, m := range periods[k] {
			c := m.c
			ch := st.money(signedAmount(c))
			if c.Movement != revops.MovementChurn && c.Movement != revops.MovementContraction && c.Movement != revops.MovementLeaving {
				ch.show = "+" + ch.show
			}
			movers.rows = append(movers.rows, []cell{text(labels[c.Period.Start()]), text(c.Customer), text(c.Movement.String()),
				st.recurring(c.Before), st.recurring(c.After), ch})
		}
	}
	return []*table{log, movers}
}

// signedAmount is a movement's amount as the series adds it, negative for a loss.
func signedAmount(c revops.CustomerChange) decimal.Decimal {
	a := c.Amount().Monthly()
	switch c.Movement {
	case revops.MovementChurn, revops.MovementContraction, revops.MovementLeaving:
		return a.Neg()
	}
	return a
}
