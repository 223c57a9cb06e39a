// Package stripedata reads Stripe's objects as the API returns them, as JSON bytes,
// into the records of package revops: subscriptions into
// [revops.BillingSubscription] values for [revops.BillingSpans] (the subscription
// route to a history), and invoices and credit notes into [revops.InvoiceLine] values
// for [revops.InvoiceSpans] (the invoice route). It needs no Stripe SDK: a user of
// stripe-go marshals its objects with encoding/json, which keeps the API's field
// names, and passes the bytes.
//
//   - [Subscriptions]: subscription objects into billing subscriptions.
//   - [InvoiceLines]: invoices and credit notes into invoice lines, credit notes as
//     negative lines that net against the lines they credit; [SourcedLines] gives
//     each line with the invoice or credit note it is on, for messages.
//   - [Detect]: whether a file holds subscriptions, invoices or credit notes, or is
//     an empty listing.
//   - [MinorUnits] and [FromMinorUnits]: Stripe's minor units of a currency.
//
// Every value is read, never guessed: a field the mapping reads whose value it does
// not know (an unknown status, interval, coupon duration, line type), a value of the
// wrong JSON type, a required field missing, or a date the mapping needs that the
// object does not hold is an error naming the object and the field; fields the
// mapping does not read are ignored, as Stripe adds fields in every API version.
//
// # Input
//
// Each decoder reads what the API, the stripe CLI and stripe-go give: one object
// (stripe subscriptions retrieve), a list object {"object": "list", "data": [...]}
// or a search result (stripe subscriptions list, .../search), a JSON array (a
// stripe-go slice, marshaled), or several of these one after another (pages written
// one after the other, or JSON Lines). A list whose has_more is true must be
// followed by its next page: a listing cut short is an error, not a smaller company.
// The same object twice (two overlapping pages) is an error too.
//
// Objects the API gives as ids unless expanded must be expanded where the mapping
// reads them: a subscription's discounts (expand[]=data.discounts and
// data.items.data.discounts) and their coupons, the latest invoice of a past_due or
// unpaid subscription (expand[]=data.latest_invoice), a tiered price's tiers
// (expand[]=data.items.data.price.tiers). An invoice line's price
// (expand[]=data.lines.data.pricing.price_details.price) is optional: without it a
// line is measured in months (see [revops.InvoiceLine].Interval), exact for monthly
// and yearly prices.
//
// # API versions
//
// The mapping follows API version 2026-07-29.dahlia, the version stripe-go v86
// pins, whose objects are those of Stripe's published OpenAPI fixtures of August
// 2026, and reads the shapes of older versions where they differ:
//
//   - current_period_start and current_period_end are on each subscription item from
//     2025-03-31.basil, and on the subscription before it. From basil a subscription's
//     items may bill on different cycles; cancel_at_period_end then needs cancel_at
//     to say which period's end it cancels at.
//   - A subscription's discounts is an array from the 2024 versions; the singular
//     discount, deprecated then, is gone from basil. Both are read, discount once.
//   - A discount's coupon is at source.coupon from 2025-09-30.clover, and at coupon
//     before it.
//   - An invoice line tells what it bills in parent (parent.type
//     subscription_item_details or invoice_item_details, with proration,
//     subscription and subscription_item inside) and its price in
//     pricing.price_details.price from basil; before it, in type (subscription or
//     invoiceitem), proration, subscription, subscription_item and price. An
//     invoice's subscription is parent.subscription_details.subscription from basil,
//     subscription before it. Taxes are taxes (tax_behavior) from basil, tax_amounts
//     (inclusive) before it.
//   - Pauses: pause_collection pauses payment collection in every version and
//     leaves the status as it is (Stripe: "the subscription status will be unchanged
//     and will not be updated to paused"). The paused status means, in every
//     generally available version up to 2026-07-29.dahlia, a trial that ended without
//     a payment method; the pause endpoint of the 2026-05-27.preview version pauses
//     at any time and adds status_details, which the mapping does not read.
//   - Items without a price (API versions before prices, 2020-08-27) are read from
//     their plan (amount, amount_decimal, interval, interval_count, usage_type).
//
// # Subscriptions
//
// Each subscription object becomes one [revops.BillingSubscription]:
//
//	ID                  id
//	Customer            customer (an id, or the id of the expanded customer)
//	Currency            currency, in upper case ("USD")
//	Status              status: trialing, active, past_due, unpaid, canceled,
//	                    incomplete, incomplete_expired or paused
//	StatusSince         see Statuses
//	Start               start_date
//	TrialStart          trial_start
//	TrialEnd            trial_end
//	BillingAnchor       billing_cycle_anchor
//	CurrentPeriodStart  current_period_start (of the subscription, or of the item
//	CurrentPeriodEnd    current_period_end    whose period ends first)
//	CancelAtPeriodEnd   cancel_at_period_end
//	CancelAt            cancel_at
//	CanceledAt          canceled_at
//	EndedAt             ended_at
//	PauseStart          Options.PauseStart (when pause_collection is set)
//	PauseEnd            pause_collection.resumes_at
//	Items               items.data
//	Discounts           discounts (and discount)
//
// An item is its price and quantity: Price is price.unit_amount_decimal (else
// unit_amount) in major units, Quantity the quantity (divided by
// transform_quantity.divide_by and rounded as its round says, when set), Interval
// price.recurring.interval (day, week, month or year) and interval_count, Discounts
// the item's discounts. A price in another currency than the subscription's is read
// from its currency_options entry for the subscription's. A tiered price (expanded
// tiers) becomes one unit at the whole amount of the quantity: in volume mode the
// quantity at the unit amount of the tier it falls in plus that tier's flat amount,
// in graduated mode each tier's units at its unit amount plus the flat amount of
// every tier it reaches. A metered price is refused: what it bills is the usage of
// each period, which only the invoices hold.
//
// A discount is its coupon: Percent is percent_off ÷ 100 (25.5 is 0.255), Amount is
// amount_off in the subscription's currency (the coupon's own, or its
// currency_options entry), Duration the coupon's duration (forever, repeating or
// once). Start is the discount's start, End its end; a repeating coupon with no end
// ends duration_in_months after its start (the subscription's, when it has none), and
// a once-off coupon one interval of what it discounts after its start (the shortest
// of the items' for the subscription's), so that it covers the one invoice it
// discounts. A subscription
// holds only the discounts it has now: a coupon that has expired or was removed is
// in the invoices it discounted, not in the subscription. A coupon restricted to
// products (applies_to) and a discount of an expanded customer are refused, as the
// mapping does not apportion them.
//
// # Statuses
//
// Stripe's subscription object records no time of its last status change, and
// [revops.BillingSubscription] needs one for past_due, unpaid and paused, which hold
// from that instant to the export. The decoder takes it from
// [Options.StatusSince] when the caller gives it (the created time of the
// customer.subscription.updated event that changed the status), else from what the
// object records:
//
//   - past_due: the expanded latest_invoice, open: status_transitions.finalized_at
//     for collection_method charge_automatically (Stripe attempts payment when it
//     finalizes the invoice, and the failure makes the subscription past_due), its
//     due_date for send_invoice (past_due "when its invoice is not paid by the due
//     date");
//   - unpaid: the expanded latest_invoice, uncollectible:
//     status_transitions.marked_uncollectible_at, as the retry settings mark the
//     invoice uncollectible when they mark the subscription unpaid;
//   - paused: trial_end, when trial_settings.end_behavior.missing_payment_method is
//     "pause" (a trial that ended without a payment method), unless status_details
//     is present.
//
// Otherwise the subscription is refused, naming the field: the date of the export is
// never taken for it. Likewise a pause of collection: the subscription records when
// it resumes (resumes_at) and not when it began, which [Options.PauseStart] gives.
//
// # Invoices and credit notes
//
// Each line of an open or paid invoice becomes one [revops.InvoiceLine]: Customer
// and Currency are the invoice's, Subscription the line's (else the invoice's),
// ServiceStart and ServiceEnd the line's period, Amount the line's amount less its
// discount_amounts and inclusive taxes, in major units, Interval its expanded
// price's recurring interval. A subscription line's Item is its subscription_item
// (else its price), so that the same item billed twice for one period is refused by
// [revops.NewHistory]; a proration's Item is its own line id, and its Anchor the
// renewal day of the line of the same item whose period holds its start, so that it
// is measured as the share of that billing period it is. Invoice items that are no
// prorations are one-time (OneTime), never part of MRR. See [InvoiceLines] for the
// credit notes and what is left out.
//
// # Amounts and currencies
//
// Stripe gives amounts as integers (or unit_amount_decimal strings) in the minor unit
// of the currency, whose exponent is ISO 4217's except for ISK and MGA ([MinorUnits]).
// Every amount is converted exactly, with no float64 and no rounding: 1999 USD is
// 19.99, 1999 JPY is 1999, 19990 KWD is 19.99.
//
// # Errors
//
// Every error about an object is an [*revops.Error] with a sentinel of package
// revops (see each function), whose Record gives the object's position: List
// ("subscriptions", "invoices" or "credit_notes"), Index (its place among the
// objects of its input, from 0) and Key (its id, so that Path reads
// `subscriptions["sub_123"].items.data[0].price.recurring.interval`), and whose
// Field is the JSON path of the field within it. An error about the input itself
// (not JSON, no object) has a Record with only the Line of the file. With
// revops.InvalidRecordsSkip in [Options.InvalidRecords], the objects with an error
// are left out and listed in a [*revops.Refused], and the others are returned.
package stripedata
