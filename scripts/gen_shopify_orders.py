# Writes a synthetic Shopify order export (the real 79-column header) for import benchmarks:
#   python3 scripts/gen_shopify_orders.py 1000000 /tmp/orders_1m.csv
# Orders have 1-4 lines over 60 SKUs (about 2.0 rows per order; pass a third argument `wide`
# for 1-4 lines averaging 2.5), one customer per three orders; the seed is fixed.
import csv, os, random, sys
n_orders=int(sys.argv[1]); out=sys.argv[2]
mix=[1,2,2,3,3,4] if len(sys.argv) > 3 and sys.argv[3] == 'wide' else [1,1,1,2,2,3,4]
random.seed(1)
hdr=open(os.path.join(os.path.dirname(__file__), '..', 'crates', 'storeloop-core', 'tests', 'data', 'shopify_orders_export.header.csv')).read().strip().split(',')
idx={h:i for i,h in enumerate(hdr)}
skus=[(f"SKU-{i:03d}", f"Product {i}", random.randint(500,9000)) for i in range(60)]
with open(out,'w',newline='') as f:
    w=csv.writer(f); w.writerow(hdr)
    for n in range(n_orders):
        k=random.choice(mix); lines=random.sample(skus,k)
        qty=[random.choice([1,1,2]) for _ in lines]
        sub=sum(p*q for (_,_,p),q in zip(lines,qty))
        for j,((sku,name,p),q) in enumerate(zip(lines,qty)):
            r=['']*len(hdr)
            r[idx['Name']]=f"#{1000+n}"; r[idx['Email']]=f"c{random.randint(1,n_orders//3+1)}@example.com"; r[idx['Created at']]=f"2025-{1+n%12:02d}-{1+n%28:02d} 10:00:00 +0100"
            r[idx['Lineitem quantity']]=str(q); r[idx['Lineitem name']]=name; r[idx['Lineitem price']]=f"{p/100:.2f}"; r[idx['Lineitem sku']]=sku; r[idx['Lineitem discount']]='0.00'
            if j==0:
                for c,v in [('Financial Status','paid'),('Accepts Marketing','yes'),('Currency','EUR'),('Subtotal',f"{sub/100:.2f}"),('Shipping','4.95'),('Taxes','0.00'),('Total',f"{(sub+495)/100:.2f}"),('Discount Amount','0.00'),('Refunded Amount','0.00'),('Id',str(6798000000000+n)),('Source','web')]:
                    r[idx[c]]=v
            w.writerow(r)
