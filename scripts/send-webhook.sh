#!/usr/bin/env bash
# Signs and posts a sample Whop v1 webhook to a running RevenueAngel, as Whop does (Standard Webhooks, the HMAC
# key being the UTF-8 of the whole ws_… secret). Defaults fit the demo started with `dotnet run`: its webhook secret is
# random per process, so without RA_WEBHOOK_SECRET the event goes through the demo's fake Whop (loopback only), which
# signs it with that secret and delivers it, answering with the app's own reply.
#
#   scripts/send-webhook.sh payment.failed 42      # demo member 42's renewal fails
#   scripts/send-webhook.sh payment.succeeded 42   # ... and is paid after all (a recovery)
#
# Environment: RA_URL (default http://localhost:5039), RA_WEBHOOK_SECRET (sign here with it; default: let the demo sign),
# RA_COMPANY (biz_demo), RA_PLAN (plan_demo_basic), RA_AMOUNT (19.00), RA_EMAIL (the user's email; none by default),
# RA_BILLING_REASON (subscription_cycle; subscription_create makes a first purchase, which converts a lead with RA_EMAIL):
#
#   RA_EMAIL=jo@example.com RA_BILLING_REASON=subscription_create scripts/send-webhook.sh payment.succeeded 90001
set -euo pipefail
type=${1:?usage: scripts/send-webhook.sh <payment.failed|payment.succeeded|membership.deactivated|…> [member-number]}
n=$(printf '%05d' "${2:-1}")
base=${RA_URL:-http://localhost:5039}
secret=${RA_WEBHOOK_SECRET:-}
company=${RA_COMPANY:-biz_demo}
plan=${RA_PLAN:-plan_demo_basic}
amount=${RA_AMOUNT:-19.00}
reason=${RA_BILLING_REASON:-subscription_cycle}
email_field=""
if [ -n "${RA_EMAIL:-}" ]; then email_field=",\"email\":\"$RA_EMAIL\""; fi
user="user_demo_$n"; membership="mem_demo_$n"; payment="pay_script_$n"
now=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
id="msg_$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"

case "$type" in
  payment.*)
    if [ "$type" = payment.succeeded ]; then status=paid; paid_at="\"$now\""; else status=open; paid_at=null; fi
    data="{\"id\":\"$payment\",\"status\":\"$status\",\"substatus\":\"$([ $status = paid ] && echo succeeded || echo failed)\",\"billing_reason\":\"$reason\",\"currency\":\"usd\",\"subtotal\":$amount,\"total\":$amount,\"usd_total\":$amount,\"failure_message\":$([ $status = paid ] && echo null || echo '"Your card was declined."'),\"payments_failed\":1,\"last_payment_attempt\":\"$now\",\"retryable\":$([ $status = paid ] && echo false || echo true),\"card_brand\":\"visa\",\"card_last4\":\"4242\",\"paid_at\":$paid_at,\"created_at\":\"$now\",\"updated_at\":\"$now\",\"company\":{\"id\":\"$company\"},\"user\":{\"id\":\"$user\"$email_field},\"member\":{\"id\":\"mber_demo_$n\"},\"membership\":{\"id\":\"$membership\",\"status\":\"$([ $status = paid ] && echo active || echo past_due)\"},\"plan\":{\"id\":\"$plan\"},\"metadata\":{}}" ;;
  membership.*)
    status=$([ "$type" = membership.deactivated ] && echo expired || echo active)
    data="{\"id\":\"$membership\",\"status\":\"$status\",\"cancel_at_period_end\":false,\"created_at\":\"$now\",\"updated_at\":\"$now\",\"company\":{\"id\":\"$company\"},\"user\":{\"id\":\"$user\"},\"member\":{\"id\":\"mber_demo_$n\"},\"plan\":{\"id\":\"$plan\"}}" ;;
  *) data="{}" ;;
esac
body="{\"id\":\"$id\",\"api_version\":\"v1\",\"type\":\"$type\",\"timestamp\":\"$now\",\"company_id\":\"$company\",\"data\":$data}"
if [ -z "$secret" ]; then
  curl -sS -X POST "$base/_whop-fake/webhooks" -H "Content-Type: application/json" --data-binary "$body" -w '\n%{http_code}\n'
  exit
fi
ts=$(date +%s)
signature=$(printf '%s' "$id.$ts.$body" | openssl dgst -sha256 -hmac "$secret" -binary | base64 -w0)

curl -sS -X POST "$base/api/webhooks/whop" -H "Content-Type: application/json" -H "webhook-id: $id" -H "webhook-timestamp: $ts" \
  -H "webhook-signature: v1,$signature" --data-binary "$body" -w '\n%{http_code}\n'
