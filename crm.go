package revops

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// OpportunityColumns maps the columns of an opportunity export to the fields of an
// [Opportunity], for [NewOpportunityReader] and [ReadOpportunities]. Each field holds
// a header name; an empty field takes the default, the field labels of Salesforce's
// Opportunity object as its reports export them (Salesforce Field Reference,
// "Opportunity": Id "Opportunity ID", Amount "Amount", StageName "Stage",
// CreatedDate "Created Date", CloseDate "Close Date", IsWon "Won", IsClosed "Closed",
// Probability "Probability (%)", CurrencyIsoCode "Opportunity Currency", OwnerId
// "Owner ID", LeadSource "Lead Source"), so the zero
// OpportunityColumns reads such an export as it is. Header names match without regard
// to letter case or surrounding spaces. A column named here must be in the header; a
// default one is read when the header has it. Amounts may group thousands with
// commas, as a US-locale report writes them ("10,000.00").
type OpportunityColumns struct {
	ID string `json:"id"` // the opportunity's identifier; "Opportunity ID"
	// Owner is the deal's owner: "Opportunity Owner", the owner's name as reports
	// show it, or else "Owner ID", the field's label.
	Owner      string `json:"owner"`
	LeadSource string `json:"lead_source"` // "Lead Source"
	Amount     string `json:"amount"`      // its value; "Amount"; required. An empty cell is an amount of 0, which [OpportunityExport.Quality] lists
	Stage      string `json:"stage"`       // its stage; "Stage"
	Created    string `json:"created"`     // when it was created; "Created Date"; required
	// Close is the close date, Closed for a closed deal and ExpectedClose for an open
	// one; "Close Date"; required (empty cells are allowed for open deals).
	Close string `json:"close"`
	// Won and Closed are the outcome, true or false; "Won" and "Closed". When the
	// header lacks either, the outcome comes from the stage: Salesforce's stages
	// "Closed Won" and "Closed Lost", any other stage open.
	Won    string `json:"won"`
	Closed string `json:"closed"`
	// Probability is the chance to close, in percent (10 is 0.1); "Probability (%)".
	// Without it every Probability is 0.
	Probability string `json:"probability"`
	// Currency is the amount's currency code; "Opportunity Currency", or "Amount
	// Currency", the column a report export splits from the amount (Salesforce help
	// article 000382314, "Exported Reports Display Unexpected Currency Totals").
	Currency string `json:"currency"`
	// DefaultCurrency is the currency of rows with an empty currency cell or no
	// currency column. Empty leaves their currency empty.
	DefaultCurrency string `json:"default_currency"`
	// Zone is the reporting zone: a date without a time (a close date) is that date
	// there (see [Opportunity]), and a time without a zone a wall-clock time there.
	// Nil is UTC.
	Zone *time.Location `json:"-"`
	// DateLayout and TimeLayout are [time.Parse] layouts of the export's dates and
	// times, tried before the defaults: a date (2006-01-02) and RFC 3339 times, with or
	// without seconds or a zone. A US-locale Salesforce report writes "1/2/2006" and
	// "1/2/2006, 3:04 PM".
	DateLayout string `json:"date_layout"`
	TimeLayout string `json:"time_layout"`
}

// opportunityIndex holds the column indexes an OpportunityReader reads; −1 for none.
type opportunityIndex struct {
	id, owner, leadSource, amount, stage, created, close, won, closed, probability, currency int
}

// OpportunityReader reads the opportunities of a CRM export one row at a time, so an
// export of any length streams through constant memory. Make one with
// [NewOpportunityReader].
type OpportunityReader struct {
	x     *exportReader
	cols  OpportunityColumns
	idx   opportunityIndex
	dates dateParser
}

// NewOpportunityReader reads the header of an opportunity export from r and returns a
// reader of its rows. The export is CSV (RFC 4180), as a CRM's report export writes
// it, and may open with a byte order mark.
//
// Errors: [ErrMalformed] for a file with no header, a header with broken quoting, a
// column named twice, or lacking a required or named column (naming it and the
// header), or lacking both the Won and Closed pair and the Stage column; an error
// reading r as it is.
func NewOpportunityReader(r io.Reader, cols OpportunityColumns) (*OpportunityReader, error) {
	x, err := newExportReader(r, "OpportunityReader")
	if err != nil {
		return nil, err
	}
	or := &OpportunityReader{x: x, cols: cols, dates: dateParser{zone: orUTC(cols.Zone), dateLayout: cols.DateLayout, timeLayout: cols.TimeLayout}}
	var errs [11]error
	or.idx.id, errs[0] = x.column(cols.ID, false, "Opportunity ID")
	or.idx.owner, errs[9] = x.column(cols.Owner, false, "Opportunity Owner", "Owner ID")
	or.idx.leadSource, errs[10] = x.column(cols.LeadSource, false, "Lead Source")
	or.idx.amount, errs[1] = x.column(cols.Amount, true, "Amount")
	or.idx.stage, errs[2] = x.column(cols.Stage, false, "Stage")
	or.idx.created, errs[3] = x.column(cols.Created, true, "Created Date")
	or.idx.close, errs[4] = x.column(cols.Close, true, "Close Date")
	or.idx.won, errs[5] = x.column(cols.Won, false, "Won")
	or.idx.closed, errs[6] = x.column(cols.Closed, false, "Closed")
	or.idx.probability, errs[7] = x.column(cols.Probability, false, "Probability (%)")
	or.idx.currency, errs[8] = x.column(cols.Currency, false, "Opportunity Currency", "Amount Currency")
	if err := firstError(errs[:]...); err != nil {
		return nil, err
	}
	if (or.idx.won < 0 || or.idx.closed < 0) && or.idx.stage < 0 {
		return nil, x.missing(`Won" and "Closed", or "Stage`)
	}
	x.isData = func(cells []string) bool { // a created date that reads as one
		_, empty, err := or.dates.parse(cells[or.idx.created])
		return err == nil && !empty || errors.As(err, new(dayRangeError)) // a day not in the calendar is a row's error
	}
	return or, nil
}

// OpportunityRow is one row of an opportunity export: its deal, and the row as read.
type OpportunityRow struct {
	ExportRow
	Opportunity Opportunity `json:"opportunity"`
}

// Columns returns the header names the reader reads each field from, "" for a field
// the header lacks: the columns as found, for a caller's messages and for
// [OpportunityExport.Quality].
func (r *OpportunityReader) Columns() OpportunityColumns {
	c := r.cols
	x := r.x
	c.ID, c.Amount, c.Stage, c.Created, c.Close = x.name(r.idx.id), x.name(r.idx.amount), x.name(r.idx.stage), x.name(r.idx.created), x.name(r.idx.close)
	c.Won, c.Closed, c.Probability, c.Currency = x.name(r.idx.won), x.name(r.idx.closed), x.name(r.idx.probability), x.name(r.idx.currency)
	c.Owner, c.LeadSource = x.name(r.idx.owner), x.name(r.idx.leadSource)
	return c
}

// Trailer returns what the reader left unread after the data, once [OpportunityReader.Read]
// has returned io.EOF: the line of the blank or footer line it stopped at, and how many
// lines it left.
func (r *OpportunityReader) Trailer() Trailer { return r.x.trailer }

// Read returns the next row's opportunity, or [io.EOF] at the end of the data: the
// end of the file, or the first blank line, row of empty cells or footer row (see
// [Trailer]). Status comes from the Won and Closed columns (won; closed and not won,
// lost; not closed, open), or from the stage without them; the close date is Closed
// for a closed deal and ExpectedClose for an open one. Dates are read in the
// reporting zone. A row that fails is reported and Read may be called again for the
// rows after it.
//
// Errors, each an [*Error] whose Record holds the row's line and the column at fault:
// [ErrMalformed] for a row with another number of fields than the header, broken
// quoting, or a date, amount, probability or true/false cell that does not parse;
// [ErrInvalidPeriod] for an empty created date, a closed deal with no close date, or a
// close date before the date of creation; [ErrInconsistent] for a deal won but not
// closed; [ErrNegative] for a negative amount or probability; [ErrOutOfRange] for a
// probability above 100, an amount beyond [MaxExponent], or a date written 2006-01-02
// that the calendar lacks (2025-02-29). An error reading the underlying
// reader is returned as it is.
func (r *OpportunityReader) Read() (OpportunityRow, error) {
	x := r.x
	cells, err := x.next()
	if err != nil {
		return OpportunityRow{}, err
	}
	row := OpportunityRow{ExportRow: x.rowOf(cells)}
	o := &row.Opportunity
	o.ID, o.Stage = cell(cells, r.idx.id), cell(cells, r.idx.stage)
	o.Owner, o.LeadSource = cell(cells, r.idx.owner), cell(cells, r.idx.leadSource)
	o.Currency = r.cols.DefaultCurrency
	if c := cell(cells, r.idx.currency); c != "" {
		o.Currency = currencyCode(c)
	}
	amount, empty, err := parseAmount(cells[r.idx.amount])
	if err != nil {
		return OpportunityRow{}, x.cellError(r.idx.amount, ErrMalformed, "%v", err)
	}
	o.Amount = decimal.Zero
	if !empty {
		o.Amount = amount
	}
	o.Probability = decimal.Zero
	if p := strings.TrimSuffix(cell(cells, r.idx.probability), "%"); p != "" {
		d, _, err := parseAmount(strings.TrimSpace(p))
		if err != nil {
			return OpportunityRow{}, x.cellError(r.idx.probability, ErrMalformed, "%v", err)
		}
		if err := finite("OpportunityReader", "Probability", d); err != nil {
			return OpportunityRow{}, r.renamed(err)
		}
		// Checked in the export's own percent, so that the message quotes the cell
		// ("150 %", not the fraction 1.5 the library then holds).
		switch {
		case d.IsNegative():
			return OpportunityRow{}, x.cellError(r.idx.probability, ErrNegative, "%s %% < 0 %%", d)
		case d.GreaterThan(hundred):
			return OpportunityRow{}, x.cellError(r.idx.probability, ErrOutOfRange, "%s %% is above 100 %%", d)
		}
		o.Probability = d.Shift(-2)
	}
	if o.Status, err = r.status(cells); err != nil {
		return OpportunityRow{}, err
	}
	if o.Created, empty, err = r.dates.parse(cells[r.idx.created]); err != nil {
		return OpportunityRow{}, x.cellError(r.idx.created, dateSentinel(err), "%v", err)
	} else if empty {
		return OpportunityRow{}, x.cellError(r.idx.created, ErrInvalidPeriod, "no created date")
	}
	closeAt, empty, err := r.dates.parse(cells[r.idx.close])
	switch {
	case err != nil:
		return OpportunityRow{}, x.cellError(r.idx.close, dateSentinel(err), "%v", err)
	case o.Status == DealOpen:
		o.ExpectedClose = closeAt
	case empty:
		return OpportunityRow{}, x.cellError(r.idx.close, ErrInvalidPeriod, "a closed deal with no close date")
	default:
		o.Closed = closeAt
	}
	if err := firstError(o.validate("OpportunityReader", o.Currency), o.closedInOrder("OpportunityReader", r.dates.zone)); err != nil {
		return OpportunityRow{}, r.renamed(err)
	}
	return row, nil
}

// status reads a row's outcome from the Won and Closed columns, or from its stage.
func (r *OpportunityReader) status(cells []string) (DealStatus, error) {
	s, err := outcome(cell(cells, r.idx.won), cell(cells, r.idx.closed), cell(cells, r.idx.stage), r.idx.won < 0 || r.idx.closed < 0)
	if err != nil {
		var e *Error
		errors.As(err, &e)
		col := r.idx.won
		if e.Field == "Closed" {
			col = r.idx.closed
		}
		return 0, r.x.at(e, col)
	}
	return s, nil
}

// outcome reads a deal's outcome from its Won and Closed cells (won; closed and not
// won, lost; not closed, open), or with byStage from its stage: Salesforce's "Closed
// Won" and "Closed Lost", any other stage open. An error names the field at fault,
// "Won" or "Closed".
func outcome(won, closed, stage string, byStage bool) (DealStatus, error) {
	const metric = "OpportunityReader"
	if byStage {
		switch strings.ToLower(stage) {
		case "closed won":
			return DealWon, nil
		case "closed lost":
			return DealLost, nil
		}
		return DealOpen, nil
	}
	w, err := parseBool(won)
	if err != nil {
		return 0, newError(metric, "Won", ErrMalformed, "%v", err)
	}
	c, err := parseBool(closed)
	switch {
	case err != nil:
		return 0, newError(metric, "Closed", ErrMalformed, "%v", err)
	case w && !c:
		return 0, newError(metric, "Won", ErrInconsistent, "won, but not closed")
	case w:
		return DealWon, nil
	case c:
		return DealLost, nil
	}
	return DealOpen, nil
}

// closedInOrder refuses a close date before the date of creation in the reporting
// zone loc: the check every reading of close times ([CloseTimes]) makes.
func (o Opportunity) closedInOrder(metric string, loc *time.Location) error {
	if o.Closed.IsZero() || !dayOf(o.Closed, loc).Before(dayOf(o.Created, loc)) {
		return nil
	}
	return o.closedBeforeCreated(metric)
}

// renamed turns an error about an Opportunity field into one about the current row
// and the column that holds it.
func (r *OpportunityReader) renamed(err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	col := -1
	switch e.Field {
	case "Amount":
		col = r.idx.amount
	case "Probability":
		col = r.idx.probability
	case "Closed":
		col = r.idx.close
	case "Created":
		col = r.idx.created
	}
	r.x.at(e, col)
	return err
}

// OpportunityExport is an opportunity export as [ReadOpportunities] reads it.
type OpportunityExport struct {
	Header  []string           `json:"header"`
	Columns OpportunityColumns `json:"columns"` // the header names each field was read from, as [OpportunityReader.Columns]
	Rows    []OpportunityRow   `json:"rows"`    // the rows read, in file order; under InvalidRecordsSkip, those without error
	Trailer Trailer            `json:"trailer"` // what was left unread after the data
}

// Opportunities returns the opportunities of the rows, in file order: the input of
// [PipelineByPeriod], whose "opps[3]" is e.Rows[3], on line e.Rows[3].Line.
func (e OpportunityExport) Opportunities() []Opportunity {
	out := make([]Opportunity, len(e.Rows))
	for i, r := range e.Rows {
		out[i] = r.Opportunity
	}
	return out
}

// ReadOpportunities reads every row of an opportunity export, as
// [NewOpportunityReader] and [OpportunityReader.Read] describe, and stops at the
// first row that fails; with [InvalidRecordsSkip] it reads on and returns, beside the
// rows that read, a [*Refused] listing each row that failed with its error (whose
// Record holds the row's line and column).
//
// Errors: those of NewOpportunityReader and OpportunityReader.Read;
// [ErrInvalidOption] for a nil option or a value outside its type's constants.
func ReadOpportunities(r io.Reader, cols OpportunityColumns, opts ...RecordsOption) (OpportunityExport, error) {
	const metric = "ReadOpportunities"
	p, err := policyFor(metric, opts)
	if err != nil {
		return OpportunityExport{}, err
	}
	or, err := NewOpportunityReader(r, cols)
	if err != nil {
		return OpportunityExport{}, err
	}
	e := OpportunityExport{Header: or.x.header, Columns: or.Columns()}
	refused := refusing(p)
	rows := 0
	for ; ; rows++ {
		row, err := or.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !isRowError(err) || !refused.keep(rows, err) {
				return OpportunityExport{}, err
			}
			continue
		}
		e.Rows = append(e.Rows, row)
	}
	e.Trailer = or.Trailer()
	return e, refused.err(metric, rows)
}

// isRowError reports whether err is about one row, which a reader can read past, and
// not a failure of the underlying reader.
func isRowError(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Record != nil
}

// LeadColumns maps the columns of a lead export to the fields of a [Lead], for
// [NewLeadReader] and [ReadLeads]. An empty field takes the default: the field labels
// of Salesforce's Lead object where it has the field (Salesforce Field Reference,
// "Lead": Id "Lead ID", CreatedDate "Created Date", IsConverted "Converted",
// ConvertedDate "Converted Date", a date without time); Salesforce has no standard
// field for the first response or for qualification, so those default to "First
// Response" and "Qualified". A column named here must be in the header; a default
// one is read when the header has it. Header names match as in [OpportunityColumns].
type LeadColumns struct {
	ID            string `json:"id"`             // "Lead ID"
	Created       string `json:"created"`        // "Created Date"; required
	FirstResponse string `json:"first_response"` // a date and time, empty while nobody responded; "First Response"
	Qualified     string `json:"qualified"`      // true or false; "Qualified"
	// Converted is true or false; "Converted". Without it, a lead with a conversion
	// date is converted.
	Converted     string `json:"converted"`
	ConvertedDate string `json:"converted_date"` // "Converted Date"
	// Zone, DateLayout and TimeLayout are as in [OpportunityColumns].
	Zone       *time.Location `json:"-"`
	DateLayout string         `json:"date_layout"`
	TimeLayout string         `json:"time_layout"`
}

type leadIndex struct{ id, created, firstResponse, qualified, converted, convertedDate int }

// LeadReader reads the leads of a CRM export one row at a time. Make one with
// [NewLeadReader].
type LeadReader struct {
	x     *exportReader
	cols  LeadColumns
	idx   leadIndex
	dates dateParser
}

// NewLeadReader reads the header of a lead export from r and returns a reader of its
// rows, as [NewOpportunityReader] does for opportunities.
//
// Errors: [ErrMalformed] for a file with no header, a header with broken quoting, a
// column named twice, or lacking a required or named column; an error reading r as
// it is.
func NewLeadReader(r io.Reader, cols LeadColumns) (*LeadReader, error) {
	x, err := newExportReader(r, "LeadReader")
	if err != nil {
		return nil, err
	}
	lr := &LeadReader{x: x, cols: cols, dates: dateParser{zone: orUTC(cols.Zone), dateLayout: cols.DateLayout, timeLayout: cols.TimeLayout}}
	var errs [6]error
	lr.idx.id, errs[0] = x.column(cols.ID, false, "Lead ID")
	lr.idx.created, errs[1] = x.column(cols.Created, true, "Created Date")
	lr.idx.firstResponse, errs[2] = x.column(cols.FirstResponse, false, "First Response")
	lr.idx.qualified, errs[3] = x.column(cols.Qualified, false, "Qualified")
	lr.idx.converted, errs[4] = x.column(cols.Converted, false, "Converted")
	lr.idx.convertedDate, errs[5] = x.column(cols.ConvertedDate, false, "Converted Date")
	if err := firstError(errs[:]...); err != nil {
		return nil, err
	}
	x.isData = func(cells []string) bool { // a created date that reads as one
		_, empty, err := lr.dates.parse(cells[lr.idx.created])
		return err == nil && !empty || errors.As(err, new(dayRangeError)) // a day not in the calendar is a row's error
	}
	return lr, nil
}

// Columns returns the header names the reader reads each field from, "" for a field
// the header lacks.
func (r *LeadReader) Columns() LeadColumns {
	c, x := r.cols, r.x
	c.ID, c.Created, c.FirstResponse, c.Qualified = x.name(r.idx.id), x.name(r.idx.created), x.name(r.idx.firstResponse), x.name(r.idx.qualified)
	c.Converted, c.ConvertedDate = x.name(r.idx.converted), x.name(r.idx.convertedDate)
	return c
}

// Trailer returns what the reader left unread after the data, once [LeadReader.Read]
// has returned io.EOF.
func (r *LeadReader) Trailer() Trailer { return r.x.trailer }

// LeadRow is one row of a lead export: its lead, and the row as read.
type LeadRow struct {
	ExportRow
	Lead Lead `json:"lead"`
}

// Read returns the next row's lead, or [io.EOF] at the end of the data, as
// [OpportunityReader.Read] does. A lead is converted when its Converted cell is true,
// or, without that column, when it has a conversion date.
//
// Errors, each an [*Error] whose Record holds the row's line and the column at fault:
// [ErrMalformed] for a row with another number of fields than the header, broken
// quoting, or a date or true/false cell that does not parse; [ErrInvalidPeriod] for
// an empty created date, a first response before the lead was created, or a
// conversion before the date of creation; [ErrInconsistent] for a conversion date on
// a lead not converted; [ErrOutOfRange] for a date written 2006-01-02 that the
// calendar lacks (2025-02-29). An error reading the underlying reader is returned as
// it is.
func (r *LeadReader) Read() (LeadRow, error) {
	x := r.x
	cells, err := x.next()
	if err != nil {
		return LeadRow{}, err
	}
	row := LeadRow{ExportRow: x.rowOf(cells)}
	l := &row.Lead
	l.ID = cell(cells, r.idx.id)
	var empty bool
	if l.Created, empty, err = r.dates.parse(cells[r.idx.created]); err != nil {
		return LeadRow{}, x.cellError(r.idx.created, dateSentinel(err), "%v", err)
	} else if empty {
		return LeadRow{}, x.cellError(r.idx.created, ErrInvalidPeriod, "no created date")
	}
	if l.FirstResponse, _, err = r.dates.parse(cell(cells, r.idx.firstResponse)); err != nil {
		return LeadRow{}, x.cellError(r.idx.firstResponse, dateSentinel(err), "%v", err)
	}
	if l.ConvertedAt, _, err = r.dates.parse(cell(cells, r.idx.convertedDate)); err != nil {
		return LeadRow{}, x.cellError(r.idx.convertedDate, dateSentinel(err), "%v", err)
	}
	for _, b := range []struct {
		col int
		to  *bool
	}{{r.idx.qualified, &l.Qualified}, {r.idx.converted, &l.Converted}} {
		if c := cell(cells, b.col); c != "" {
			if *b.to, err = parseBool(c); err != nil {
				return LeadRow{}, x.cellError(b.col, ErrMalformed, "%v", err)
			}
		}
	}
	if r.idx.converted < 0 {
		l.Converted = !l.ConvertedAt.IsZero()
	}
	if err := firstError(l.validate("LeadReader"), l.validateConversion("LeadReader", r.dates.zone)); err != nil {
		var e *Error
		if errors.As(err, &e) {
			col := r.idx.convertedDate
			if e.Field == "FirstResponse" {
				col = r.idx.firstResponse
			}
			x.at(e, col)
		}
		return LeadRow{}, err
	}
	return row, nil
}

// LeadExport is a lead export as [ReadLeads] reads it.
type LeadExport struct {
	Header  []string    `json:"header"`
	Columns LeadColumns `json:"columns"` // the header names each field was read from, as [LeadReader.Columns]
	Rows    []LeadRow   `json:"rows"`    // the rows read, in file order; under InvalidRecordsSkip, those without error
	Trailer Trailer     `json:"trailer"` // what was left unread after the data
}

// Leads returns the leads of the rows, in file order: the input of [LeadsByPeriod]
// and [SpeedToLead], whose "leads[3]" is e.Rows[3].
func (e LeadExport) Leads() []Lead {
	out := make([]Lead, len(e.Rows))
	for i, r := range e.Rows {
		out[i] = r.Lead
	}
	return out
}

// ReadLeads reads every row of a lead export, as [NewLeadReader] and
// [LeadReader.Read] describe, as [ReadOpportunities] does for opportunities.
//
// Errors: those of NewLeadReader and LeadReader.Read; [ErrInvalidOption] for a nil
// option or a value outside its type's constants.
func ReadLeads(r io.Reader, cols LeadColumns, opts ...RecordsOption) (LeadExport, error) {
	const metric = "ReadLeads"
	p, err := policyFor(metric, opts)
	if err != nil {
		return LeadExport{}, err
	}
	lr, err := NewLeadReader(r, cols)
	if err != nil {
		return LeadExport{}, err
	}
	e := LeadExport{Header: lr.x.header, Columns: lr.Columns()}
	refused := refusing(p)
	rows := 0
	for ; ; rows++ {
		row, err := lr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !isRowError(err) || !refused.keep(rows, err) {
				return LeadExport{}, err
			}
			continue
		}
		e.Rows = append(e.Rows, row)
	}
	e.Trailer = lr.Trailer()
	return e, refused.err(metric, rows)
}

// SpendColumns maps the columns of a spend file, one row per period and one column
// per cost, to [AcquisitionCosts], for [NewSpendReader] and [ReadSpend]:
//
//	period,sales,marketing,tools
//	2026-01,52000,18000.50,2400
//
// Every column but the period and those in Ignore is a cost, and counts: in the
// component that names it (PaidMedia, Personnel, Tools, LeadGeneration), by default
// the column named as the component's JSON name ("paid_media", "personnel", "tools",
// "lead_generation"), and in Other otherwise. Header names match as in
// [OpportunityColumns].
type SpendColumns struct {
	// Period is the column of periods: a month (2026-01), a quarter (2026-Q1) or a
	// year (2026); "period"; required.
	Period         string   `json:"period"`
	PaidMedia      []string `json:"paid_media"`
	Personnel      []string `json:"personnel"`
	Tools          []string `json:"tools"`
	LeadGeneration []string `json:"lead_generation"`
	Ignore         []string `json:"ignore"` // columns that are not costs
	// Zone is the location of the periods' calendar boundaries; nil is UTC.
	Zone *time.Location `json:"-"`
}

// SpendReader reads the periods and costs of a spend file one row at a time. Make one
// with [NewSpendReader].
type SpendReader struct {
	x      *exportReader
	period int
	costs  []spendColumn
	zone   *time.Location
}

// spendColumn is a cost column and the component it adds to.
type spendColumn struct {
	index int
	to    func(*AcquisitionCosts) *decimal.Decimal
}

// NewSpendReader reads the header of a spend file from r and returns a reader of its
// rows.
//
// Errors: [ErrMalformed] for a file with no header, a header with broken quoting, a
// column named twice, lacking the period column or a column named in cols, with a
// column named in two components, or with a cost column of no name; an error reading r
// as it is.
func NewSpendReader(r io.Reader, cols SpendColumns) (*SpendReader, error) {
	x, err := newExportReader(r, "SpendReader")
	if err != nil {
		return nil, err
	}
	sr := &SpendReader{x: x, zone: orUTC(cols.Zone)}
	if sr.period, err = x.column(cols.Period, true, "period"); err != nil {
		return nil, err
	}
	component := make([]func(*AcquisitionCosts) *decimal.Decimal, len(x.header))
	for _, c := range []struct {
		names []string
		def   string
		to    func(*AcquisitionCosts) *decimal.Decimal
	}{
		{cols.PaidMedia, "paid_media", func(a *AcquisitionCosts) *decimal.Decimal { return &a.PaidMedia }},
		{cols.Personnel, "personnel", func(a *AcquisitionCosts) *decimal.Decimal { return &a.Personnel }},
		{cols.Tools, "tools", func(a *AcquisitionCosts) *decimal.Decimal { return &a.Tools }},
		{cols.LeadGeneration, "lead_generation", func(a *AcquisitionCosts) *decimal.Decimal { return &a.LeadGeneration }},
	} {
		names, defaults := c.names, []string(nil)
		if names == nil {
			names, defaults = []string{""}, []string{c.def}
		}
		for _, n := range names {
			i, err := x.column(n, false, defaults...)
			if err != nil {
				return nil, err
			}
			if i < 0 {
				continue
			}
			if component[i] != nil {
				return nil, x.malformed("header", "column %q named in two components", x.name(i))
			}
			component[i] = c.to
		}
	}
	ignored := make([]bool, len(x.header))
	ignored[sr.period] = true
	for _, n := range cols.Ignore {
		i, err := x.column(n, true, n)
		if err != nil {
			return nil, err
		}
		ignored[i] = true
	}
	for i := range x.header {
		switch {
		case component[i] != nil && ignored[i]:
			return nil, x.malformed("header", "column %q is both a cost and ignored", x.name(i))
		case ignored[i]:
		case component[i] != nil:
			sr.costs = append(sr.costs, spendColumn{i, component[i]})
		case strings.TrimSpace(x.header[i]) == "":
			// A cost column must say what it costs: an unnamed one is a stray cell
			// a spreadsheet left, which would be counted unseen.
			return nil, x.malformed("header", "column %d has no name: name the cost it holds, or remove it", i+1)
		default:
			sr.costs = append(sr.costs, spendColumn{i, func(a *AcquisitionCosts) *decimal.Decimal { return &a.Other }})
		}
	}
	if len(sr.costs) == 0 {
		// A spend file of periods alone states no cost: CAC would be 0 everywhere.
		return nil, x.malformed("header", "no cost column beside %q: a spend file has a column per cost", x.name(sr.period))
	}
	x.isData = func(cells []string) bool { // a period that reads as one
		_, err := parsePeriod(cells[sr.period], sr.zone)
		return err == nil
	}
	return sr, nil
}

// SpendRow is one row of a spend file: its period and costs, and the row as read.
type SpendRow struct {
	ExportRow
	Period Period           `json:"period"`
	Costs  AcquisitionCosts `json:"costs"`
}

// Trailer returns what the reader left unread after the data, once [SpendReader.Read]
// has returned io.EOF.
func (r *SpendReader) Trailer() Trailer { return r.x.trailer }

// Read returns the next row's period and costs, or [io.EOF] at the end of the data, as
// [OpportunityReader.Read] does. An empty cost cell is 0 when another cost cell of the
// row holds a number; amounts may group thousands with commas.
//
// Errors, each an [*Error] whose Record holds the row's line and the column at fault:
// [ErrMalformed] for a row with another number of fields than the header, broken
// quoting, a period that is no month, quarter or year, a cost that does not parse, or
// a row whose every cost cell is empty (no column at fault: write 0 for no spend);
// [ErrNegative] for a negative cost; [ErrOutOfRange] for one beyond [MaxExponent]. An
// error reading the underlying reader is returned as it is.
func (r *SpendReader) Read() (SpendRow, error) {
	x := r.x
	cells, err := x.next()
	if err != nil {
		return SpendRow{}, err
	}
	row := SpendRow{ExportRow: x.rowOf(cells), Costs: AcquisitionCosts{PaidMedia: decimal.Zero, Personnel: decimal.Zero, Tools: decimal.Zero, LeadGeneration: decimal.Zero, Other: decimal.Zero}}
	if row.Period, err = parsePeriod(cells[r.period], r.zone); err != nil {
		return SpendRow{}, x.cellError(r.period, ErrMalformed, "%v", err)
	}
	given := false // whether any cost cell holds a number
	for _, c := range r.costs {
		d, empty, err := parseAmount(cells[c.index])
		if err != nil {
			return SpendRow{}, x.cellError(c.index, ErrMalformed, "%v", err)
		}
		if empty {
			continue
		}
		given = true
		if err := nonNegative("SpendReader", "", d); err != nil {
			var e *Error
			errors.As(err, &e)
			return SpendRow{}, x.at(e, c.index)
		}
		to := c.to(&row.Costs)
		*to = to.Add(d)
	}
	if !given && len(r.costs) > 0 {
		// An empty cell among others is no spend in that column; a row of nothing
		// but empty cells states no spend at all, and CAC over it would be 0.
		return SpendRow{}, x.malformed("", "no cost in any column: write 0 for a period without spend")
	}
	return row, nil
}

// parsePeriod reads a month (2026-01), a quarter (2026-Q1, 2026Q1, Q1 2026) or a year
// (2026), with calendar boundaries in loc.
func parsePeriod(s string, loc *time.Location) (Period, error) {
	u := strings.ToUpper(strings.Join(strings.Fields(s), " "))
	year := func(y string) (int, bool) {
		n, err := strconv.Atoi(y)
		return n, err == nil && len(y) == 4 && n >= 1
	}
	if y, ok := year(u); ok {
		return YearIn(y, loc), nil
	}
	if y, m, ok := strings.Cut(u, "-"); ok && len(m) == 2 && m[0] != 'Q' {
		n, err := strconv.Atoi(m)
		if yy, ok := year(y); ok && err == nil && n >= 1 && n <= 12 {
			return MonthIn(yy, time.Month(n), loc), nil
		}
	}
	for _, f := range []func(string) (string, string, bool){
		func(s string) (string, string, bool) { return strings.Cut(s, "-Q") },
		func(s string) (string, string, bool) { return strings.Cut(s, " Q") },
		func(s string) (string, string, bool) { return strings.Cut(s, "Q") },
		func(s string) (string, string, bool) {
			q, y, ok := strings.Cut(s, " ")
			return y, strings.TrimPrefix(q, "Q"), ok && strings.HasPrefix(q, "Q")
		},
	} {
		y, q, ok := f(u)
		if !ok || len(q) != 1 {
			continue
		}
		if yy, ok := year(y); ok && q[0] >= '1' && q[0] <= '4' {
			return QuarterIn(yy, int(q[0]-'0'), loc)
		}
	}
	return Period{}, errors.New(quoteCell(s) + " is not a month (2026-01), a quarter (2026-Q1) or a year (2026)")
}

// SpendExport is a spend file as [ReadSpend] reads it.
type SpendExport struct {
	Header  []string   `json:"header"`
	Rows    []SpendRow `json:"rows"`    // the rows read, in file order; under InvalidRecordsSkip, those without error
	Trailer Trailer    `json:"trailer"` // what was left unread after the data
}

// Periods returns the periods of the rows, in file order: with [SpendExport.Costs],
// the Periods and Costs of an [AcquisitionInput], whose "periods[3]" is e.Rows[3].
func (e SpendExport) Periods() []Period {
	out := make([]Period, len(e.Rows))
	for i, r := range e.Rows {
		out[i] = r.Period
	}
	return out
}

// Costs returns the costs of the rows, in file order.
func (e SpendExport) Costs() []AcquisitionCosts {
	out := make([]AcquisitionCosts, len(e.Rows))
	for i, r := range e.Rows {
		out[i] = r.Costs
	}
	return out
}

// ReadSpend reads every row of a spend file, as [NewSpendReader] and
// [SpendReader.Read] describe, as [ReadOpportunities] does for opportunities.
//
// Errors: those of NewSpendReader and SpendReader.Read; [ErrInvalidOption] for a nil
// option or a value outside its type's constants.
func ReadSpend(r io.Reader, cols SpendColumns, opts ...RecordsOption) (SpendExport, error) {
	const metric = "ReadSpend"
	p, err := policyFor(metric, opts)
	if err != nil {
		return SpendExport{}, err
	}
	sr, err := NewSpendReader(r, cols)
	if err != nil {
		return SpendExport{}, err
	}
	e := SpendExport{Header: sr.x.header}
	refused := refusing(p)
	rows := 0
	for ; ; rows++ {
		row, err := sr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			if !isRowError(err) || !refused.keep(rows, err) {
				return SpendExport{}, err
			}
			continue
		}
		e.Rows = append(e.Rows, row)
	}
	e.Trailer = sr.Trailer()
	return e, refused.err(metric, rows)
}
