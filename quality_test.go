package revops_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/revopskit/revops"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// An export checked on March 1, 2026, worked by hand:
//
//	line 2  OPP-1  complete, won
//	line 3  OPP-2  no amount; open, due April 30
//	line 4  OPP-3  open, due February 15: passed
//	line 5  opp-1  the ID of line 2; open, due March 1: not passed
//	line 6  OPP-5  no amount; open, due January 31: passed
//	line 7  OPP-3  the ID of line 4; lost
//
// Completeness: 28 of 6 × 5 required cells (two amounts empty) = 0.9333…; duplicates:
// lines 5 and 7, 2 ÷ 6; valid: lines 2, 5 and 7, 3 ÷ 6.
const hygieneExport = `Opportunity ID,Amount,Stage,Created Date,Close Date,Won,Closed
OPP-1,1000,Closed Won,2026-01-05,2026-01-20,true,true
OPP-2,,Proposal,2026-01-06,2026-04-30,false,false
OPP-3,500,Proposal,2026-01-07,2026-02-15,false,false
opp-1,700,Negotiation,2026-01-08,2026-03-01,false,false
OPP-5,,Demo,2026-01-09,2026-01-31,false,false
OPP-3,200,Closed Lost,2026-01-10,2026-01-12,false,true
`

func TestOpportunityQuality(t *testing.T) {
	e, err := revops.ReadOpportunities(strings.NewReader(hygieneExport), revops.OpportunityColumns{})
	require.NoError(t, err)
	q, err := e.Quality(utc(2026, 3, 1, 12, 0, 0))
	require.NoError(t, err)
	require.Equal(t, 6, q.Rows)
	require.Equal(t, []string{"Opportunity ID", "Amount", "Stage", "Created Date", "Close Date"}, q.Required)
	requireMetricValue(t, "0.9333333333333333", q.Completeness)
	requireMetricValue(t, "0.3333333333333333", q.DuplicateRate)
	requireMetricValue(t, "0.5", q.Validity)
	type issue struct {
		kind    revops.IssueKind
		line    int
		column  string
		related int
		detail  string
	}
	var got []issue
	for _, i := range q.Issues {
		g := issue{i.Kind, i.Record.Line, i.Record.Column, 0, i.Detail}
		if i.Related != nil {
			g.related = i.Related.Line
		}
		require.Equal(t, i.Record.Line, e.Rows[i.Record.Index].Line, "Index is the row's among the export's rows")
		got = append(got, g)
	}
	require.Equal(t, []issue{
		{revops.IssueMissingAmount, 3, "Amount", 0, "no amount"},
		{revops.IssuePastClose, 4, "Close Date", 0, "open, due 2026-02-15"},
		{revops.IssueDuplicateID, 5, "Opportunity ID", 2, "the ID of line 2"},
		{revops.IssueMissingAmount, 6, "Amount", 0, "no amount"},
		{revops.IssuePastClose, 6, "Close Date", 0, "open, due 2026-01-31"},
		{revops.IssueDuplicateID, 7, "Opportunity ID", 4, "the ID of line 4"},
	}, got)

	b, err := json.Marshal(q.Issues[2])
	require.NoError(t, err)
	require.JSONEq(t, `{"kind":"duplicate_id","record":{"index":3,"line":5,"column":"Opportunity ID"},"related":{"index":0,"line":2,"column":"Opportunity ID"},"detail":"the ID of line 2"}`, string(b))
}

// A close date has passed by the date of asOf in the export's zone: due on the date
// March 1, checked at 22:00 on March 1 in Phoenix (05:00 on March 2 UTC), it has not
// passed there, and has in UTC.
func TestOpportunityQualityZone(t *testing.T) {
	const export = "Amount,Stage,Created Date,Close Date\n100,Proposal,2026-02-01,2026-03-01\n"
	asOf := utc(2026, 3, 2, 5, 0, 0)
	for _, tt := range []struct {
		name string
		zone *time.Location
		want string
	}{
		{"Phoenix", phoenix(t), "1"},
		{"UTC", nil, "0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := revops.ReadOpportunities(strings.NewReader(export), revops.OpportunityColumns{Zone: tt.zone})
			require.NoError(t, err)
			q, err := e.Quality(asOf)
			require.NoError(t, err)
			requireMetricValue(t, tt.want, q.Validity)
		})
	}
}

func TestOpportunityQualityUndefined(t *testing.T) {
	// No ID column: no duplicate rate, nothing listed as a duplicate.
	e, err := revops.ReadOpportunities(strings.NewReader("Amount,Stage,Created Date,Close Date\n100,Proposal,2026-02-01,\n100,Proposal,2026-02-01,\n"), revops.OpportunityColumns{})
	require.NoError(t, err)
	q, err := e.Quality(utc(2026, 3, 1, 0, 0, 0))
	require.NoError(t, err)
	_, err = q.DuplicateRate.Value()
	requireMetricError(t, err, revops.ErrOutOfRange, "DuplicateRate", "keys")
	require.Empty(t, q.Issues)
	requireMetricValue(t, "1", q.Validity) // an open deal with no close date has not passed it

	// No rows: every rate undefined.
	e, err = revops.ReadOpportunities(strings.NewReader("Opportunity ID,Amount,Stage,Created Date,Close Date\n"), revops.OpportunityColumns{})
	require.NoError(t, err)
	q, err = e.Quality(utc(2026, 3, 1, 0, 0, 0))
	require.NoError(t, err)
	for _, m := range []revops.Metric{q.Completeness, q.DuplicateRate, q.Validity} {
		_, err := m.Value()
		require.ErrorIs(t, err, revops.ErrZeroDenominator)
	}
	_, err = e.Quality(time.Time{})
	requireMetricError(t, err, revops.ErrInvalidPeriod, "OpportunityExport.Quality", "asOf")
}

func TestIssueKindText(t *testing.T) {
	for _, k := range []revops.IssueKind{revops.IssueMissingAmount, revops.IssuePastClose, revops.IssueDuplicateID} {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var back revops.IssueKind
		require.NoError(t, back.UnmarshalText(b))
		require.Equal(t, k, back)
		require.Equal(t, string(b), k.String())
	}
	_, err := revops.IssueKind(0).MarshalText()
	require.ErrorIs(t, err, revops.ErrOutOfRange)
	var k revops.IssueKind
	require.ErrorIs(t, k.UnmarshalText([]byte("stale")), revops.ErrOutOfRange)
}

// Property of the check: its lists and its rates say the same thing. The rows listed
// with no amount or a passed close date are the rows Validity finds invalid; the rows
// listed as duplicates are DuplicateRate's; the empty cells listed are the cells
// Completeness finds empty (an amount is the only required cell a row read without
// error may leave empty).
func TestOpportunityQualityProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var b strings.Builder
		b.WriteString("Opportunity ID,Amount,Stage,Created Date,Close Date\n")
		rows := rapid.IntRange(1, 25).Draw(t, "rows")
		for i := range rows {
			id := fmt.Sprint("OPP-", rapid.IntRange(0, 9).Draw(t, fmt.Sprint("id", i)))
			if rapid.Bool().Draw(t, fmt.Sprint("lower", i)) {
				id = strings.ToLower(id)
			}
			amount := ""
			if rapid.Bool().Draw(t, fmt.Sprint("amount", i)) {
				amount = decimal.New(rapid.Int64Range(0, 1e6).Draw(t, fmt.Sprint("value", i)), -2).String()
			}
			stage := rapid.SampledFrom([]string{"Proposal", "Closed Won", "Closed Lost"}).Draw(t, fmt.Sprint("stage", i))
			created := date(2026, 1, 1+rapid.IntRange(0, 30).Draw(t, fmt.Sprint("created", i)))
			closes := created.AddDate(0, 0, rapid.IntRange(0, 90).Draw(t, fmt.Sprint("closes", i)))
			fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", id, amount, stage, created.Format(time.DateOnly), closes.Format(time.DateOnly))
		}
		e := mustOf[revops.OpportunityExport](t)(revops.ReadOpportunities(strings.NewReader(b.String()), revops.OpportunityColumns{}))
		asOf := date(2026, 1, 1).AddDate(0, 0, rapid.IntRange(0, 120).Draw(t, "asOf"))
		q := mustOf[revops.OpportunityQuality](t)(e.Quality(asOf))
		invalid, duplicates, empty := map[int]bool{}, 0, 0
		for _, i := range q.Issues {
			switch i.Kind {
			case revops.IssueMissingAmount:
				invalid[i.Record.Index] = true
				empty++
			case revops.IssuePastClose:
				invalid[i.Record.Index] = true
			case revops.IssueDuplicateID:
				duplicates++
				require.Less(t, i.Related.Line, i.Record.Line)
			}
		}
		n := decimal.NewFromInt(int64(rows))
		validity := mustOf[decimal.Decimal](t)(q.Validity.Value())
		requireWithinULP(t, decimal.NewFromInt(int64(rows-len(invalid))).DivRound(n, revops.Scale), validity)
		rate := mustOf[decimal.Decimal](t)(q.DuplicateRate.Value())
		requireWithinULP(t, decimal.NewFromInt(int64(duplicates)).DivRound(n, revops.Scale), rate)
		completeness := mustOf[decimal.Decimal](t)(q.Completeness.Value())
		cells := decimal.NewFromInt(int64(5 * rows))
		requireWithinULP(t, cells.Sub(decimal.NewFromInt(int64(empty))).DivRound(cells, revops.Scale), completeness)
	})
}
