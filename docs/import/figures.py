#!/usr/bin/env python3
"""Independent figures for docs/IMPORT.md: reads the two datasets with Python's csv module only (no crmkit),
applying the same quirk fixes as the shipped mappings, and prints what crmkit's reports must show.
Usage: python3 docs/import/figures.py ../shared/datasets"""
import csv, sys, collections
from decimal import Decimal

root = sys.argv[1] if len(sys.argv) > 1 else '../shared/datasets'
m = root + '/maven-crm-sales-opportunities/'
sector = {r['account']: r['sector'].replace('technolgy', 'technology')
          for r in csv.DictReader(open(m + 'accounts.csv', newline=''))}
deals = list(csv.DictReader(open(m + 'sales_pipeline.csv', newline='')))
stage = {'Prospecting': 'qualification', 'Engaging': 'needs_analysis', 'Won': 'closed_won', 'Lost': 'closed_lost'}

print('== pipeline by stage (count, sum of amount USD)')
by = collections.defaultdict(lambda: [0, Decimal(0)])
for d in deals:
    s = by[stage[d['deal_stage']]]
    s[0] += 1
    s[1] += Decimal(d['close_value'] or 0)
for k in ['qualification', 'needs_analysis', 'closed_won', 'closed_lost']:
    print(f'{k:15} {by[k][0]:6} {by[k][1]:>12}')

print('== won value by account sector (USD)')
won = collections.Counter()
for d in deals:
    if d['deal_stage'] == 'Won':
        won[sector.get(d['account'], '(no account)')] += Decimal(d['close_value'])
for k, v in sorted(won.items(), key=lambda kv: -kv[1]):
    print(f'{k:20} {v:>12}')
print(f'{"total":20} {sum(won.values()):>12}')

print('== win rate by product (won / (won + lost))')
wl = collections.defaultdict(lambda: [0, 0])
for d in deals:
    p = d['product'].replace('GTXPro', 'GTX Pro')
    if d['deal_stage'] in ('Won', 'Lost'):
        wl[p][0 if d['deal_stage'] == 'Won' else 1] += 1
for p, (w, l) in sorted(wl.items()):
    print(f'{p:15} won {w:5} lost {l:5} rate {w / (w + l):.4f}')

leads = list(csv.DictReader(open(root + '/x-education-leads/Leads.csv', newline='', encoding='utf-8')))
for title, col, fix in (('source', 'Lead Source', lambda v: 'Google' if v.lower() == 'google' else v),
                        ('origin', 'Lead Origin', lambda v: v)):
    print(f'== leads by {title} (count, converted, conversion rate)')
    c = collections.defaultdict(lambda: [0, 0])
    for r in leads:
        k = fix(r[col]) or '(blank)'
        c[k][0] += 1
        c[k][1] += int(r['Converted'])
    for k, (n, conv) in sorted(c.items(), key=lambda kv: -kv[1][0]):
        print(f'{k:26} {n:5} {conv:5} {Decimal(conv) / n:.4f}')
print('== "Select" placeholders (cells) in the leads:', sum(v == 'Select' for r in leads for v in r.values()))
