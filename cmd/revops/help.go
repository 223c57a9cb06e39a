package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// helpIntro is the first part of revops -h.
const helpIntro = `revops prints the revenue metrics of a subscription export.

Usage:
  revops [flags] [FILE]           the report of FILE (as revops report)
  revops report [flags] [FILE]    the report of a CSV export, or of Stripe's subscriptions
  revops report -source stripe INVOICES CREDIT_NOTES
                                  the report of Stripe's invoices and credit notes
  revops compare [flags] [FILE]   its headline figures under the default and every vendor's
                                  conventions, side by side
  revops pipeline [flags] FILE    the pipeline report of a CRM's opportunity export
  revops demo                     write the demo company's CSV export to standard output
                                  (read it back with -col-amount price -col-interval interval)

With no FILE, standard input is read when it is a pipe or a file; on a terminal the
built-in demo company is reported. FILE - reads standard input. Flags may come before
or after FILE.
`

// helpReport describes revops report.
const helpReport = `The report: per period MRR, ARR, new, expansion, reactivation, contraction and churn
MRR, net new MRR; customers at the start, new, reactivated, churned (of whom some
joined and left, and some left and returned) and at the end; logo churn, gross and net
revenue churn, NRR, GRR, quick ratio, ARPA, ASP and LTV; the cohort table (logo and
revenue retention by first paying period); trailing NRR and GRR. A period's MRR is read
at its last instant. An undefined figure (a zero denominator) prints as n/a, and is
empty in csv and null in json.

The periods run by default from the earliest start to the last period in which anyone
pays (or today's, when the data reaches it); final periods of nothing but churn are
named in the header, not reported. The tiles show the last period, with the change
from the one before.

The file: one row per stretch of a subscription at one price, with a header row. Default
columns are the dbt mrr-playbook's: customer_id, start_date, end_date (exclusive, empty
while running), monthly_amount, and subscription_id and currency when present.
Rows that repeat an earlier row exactly are kept (two identical seats can be real) and
listed as a warning.

Stripe: FILE may instead hold Stripe's subscriptions as JSON (as the API, the stripe
CLI or stripe-go's objects marshalled give them: one object, a list, an array, or
pages one after the other), or its invoices, with a second FILE of its credit notes;
JSON is told from the content, or named with -source stripe. Subscriptions become
spans by their items, prices, discounts, trials, pauses and cancellations; invoices
by their lines' service periods, credit notes netting against what they credit. A
past_due, unpaid or paused subscription needs the date its status began, which its
object does not record unless its latest invoice is expanded: -status-since ID=DATE
gives it (the created time of the customer.subscription.updated event that changed
the status); a pause of collection needs -pause-start ID=DATE. Errors name the object
by its id and the field: subscriptions["sub_1"].items.data[0].quantity.

Acquisition: -spend FILE reads a row per period (2025-01, 2025-Q1 or 2025) and a column
per cost, and adds each period's CAC, CAC payback, LTV, LTV:CAC and magic number, with
the customers acquired (first paying in the period, whatever they did next; returning
customers are not acquired) and the churn taken from the report's customers.

Output: -format, or -o's extension. csv writes one table (-table, series by default),
or every table into the folder -o DIR/ names. json holds every table under
"tables". Amounts in csv and json are exact; rates are fractions (0.05 is 5 %).
`

// helpCompare describes revops compare.
const helpCompare = `revops compare FILE computes the headline figures of each period (MRR, new MRR, churn
MRR, customer churn, NRR, GRR and quick ratio) under the package default and under
each vendor preset (chartmogul, stripe, profitwell, baremetrics, lago, playbook), and
lists the policy fields in which each preset differs from the default, so that the
choice that moves a number can be read off your own data.
`

// helpPipeline describes revops pipeline.
const helpPipeline = `revops pipeline FILE reads opportunities as a CRM's report exports them, by
Salesforce's field labels by default (Opportunity ID, Opportunity Owner, Lead Source,
Amount, Stage, Probability (%), Created Date, Close Date, Won, Closed; the -col flags
name others), and stops at the blank line or footer that ends such an export, saying
where. It opens with the export's data quality: the completeness of the required
cells, the share of duplicate IDs and of valid rows, and each opportunity with no
amount, open past its close date, or repeating an earlier ID, by line.

Per period, in two forms each named for what it holds: the deals created in the
period and what became of them (won, lost, still open: the cohort form, "created"),
and the deals won and lost in it by their close date, with those open at its close
(the period form, "closed"); the win rate of each, by count and by value; the average
deal won; the sales cycle of the deals closed in it, mean and median days; pipeline
velocity; and with -quota the coverage. -by Owner (or any column) adds each value's
pipeline. -leads FILE adds each period's leads: conversion in both forms (of its
leads, those converted; conversions in it per new lead), contact rate, and speed to
lead, in working hours with -business-hours. A close date is a whole day in -tz.
`

const helpExit = `
Exit status: 0 on success, 1 on bad input, 2 on bad usage.
`

// help writes the help of topic to w: revops, report, compare or demo.
func help(w io.Writer, topic string) error {
	var b strings.Builder
	switch topic {
	case "revops":
		b.WriteString(helpIntro + "\n" + helpReport + helpExit + "\nFlags of revops report (revops compare -h and revops pipeline -h list theirs):\n")
		flagList(&b, "report")
	case "report":
		b.WriteString("Usage: revops report [flags] [FILE]\n\n" + helpReport + helpExit + "\nFlags:\n")
		flagList(&b, "report")
	case "compare":
		b.WriteString("Usage: revops compare [flags] [FILE]\n\n" + helpCompare + helpExit + "\nFlags:\n")
		flagList(&b, "compare")
	case "pipeline":
		b.WriteString("Usage: revops pipeline [flags] FILE\n\n" + helpPipeline + helpExit + "\nFlags:\n")
		flagList(&b, "pipeline")
	case "demo":
		b.WriteString("Usage: revops demo\n\nWrites the demo company's CSV export to standard output: about 2,000 customers over\n24 months on monthly and annual plans. Read it back with\n  revops report -col-amount price -col-interval interval FILE\n" + helpExit)
	default:
		return fmt.Errorf("no help on %q: want report, compare, pipeline or demo", topic)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// flagList writes every flag of command, as flag.PrintDefaults does.
func flagList(b *strings.Builder, command string) {
	var cfg config
	fs := newFlags(command, &cfg)
	fs.SetOutput(b)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(b, "  -%s", f.Name)
		if name != "" {
			b.WriteString(" " + name)
		}
		if f.DefValue != "" && f.DefValue != "false" && !strings.Contains(usage, "(default") {
			usage += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		b.WriteString("\n")
		for _, l := range wrap(usage, termWidth-8) {
			b.WriteString("    \t" + l + "\n")
		}
	})
}
